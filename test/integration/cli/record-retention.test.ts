// Retention through the built CLI: a 100 ms recording with a one-second full-detail window
// (THERMOGRAPH_RETENTION) ends with its older samples folded into half-second buckets, and `show`
// says so, with statistics that count every sample and keep the peaks. Its Node.js profile folds the
// same way (src-shared/profile/sample-folding.ts): fewer rows than samples, every sample counted.

import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { SessionStatistics } from '../../../src-shared/timeline/statistics';
import { sampleTotal } from '../../../src-shared/profile/profile';
import { SessionStore } from '../../../src-main/store/session-store';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
// Three seconds of work, then exit: about 30 samples at 100 ms.
const program = [process.execPath, '-e', 'const end = Date.now() + 3000; while (Date.now() < end);'];

describe('record with a short full-detail window', () => {
  it('folds the samples older than the window into buckets, and show says so', () => {
    const environment = { THERMOGRAPH_RETENTION: '1000:500' };
    const recorded = harness.run(
      'record',
      ['--interval', '100', '--profile', 'node', '--json', '--', ...program],
      environment,
    );
    expect(recorded.code, recorded.stderr).toBe(0);
    const { session } = JSON.parse(recorded.stdout) as { session: SessionSummary };

    const shown = harness.run('show', [String(session.id), '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const { statistics } = JSON.parse(shown.stdout) as { statistics: SessionStatistics };
    // Half-second buckets of 100 ms samples: about 5 samples each, every sample counted once.
    expect(statistics.downsampled!.buckets).toBeGreaterThan(0);
    expect(statistics.downsampled!.samples).toBeGreaterThanOrEqual(statistics.downsampled!.buckets * 3);
    expect(statistics.sampleCount).toBeGreaterThan(statistics.downsampled!.samples);
    // The busy loop's CPU peak survives being folded (a bucket keeps its maximum).
    expect(statistics.metrics.cpuUser!.maximum).toBeGreaterThan(50);

    // The profile: the last second sample by sample, the two before one row per half second and stack.
    const store = SessionStore.open(harness.database);
    const profile = store.loadProfile(session.id, 'cpu')!;
    const summary = store.getSession(session.id)!.profiles.find((stored) => stored.kind === 'cpu')!;
    store.close();
    const samples = sampleTotal(profile.samples);
    expect(summary.sampleCount).toBe(samples);
    expect(samples).toBeGreaterThan(1_000);
    expect(profile.samples.count).not.toBe(null);
    expect(profile.samples.length).toBeLessThan(samples / 2);
    for (let index = 1; index < profile.samples.length; index++)
      if (profile.samples.time[index]! < profile.samples.time[index - 1]!) expect.fail(`row ${index} is out of order`);

    const text = harness.run('show', [String(session.id)]);
    expect(text.stdout).toMatch(
      /retention {2}older samples downsampled: \d+ samples kept as \d+ buckets? of min\/mean\/max/,
    );
    expect(text.stdout).toMatch(/[\d,]+ samples in [\d,]+ rows: older ones folded/);
  });
});
