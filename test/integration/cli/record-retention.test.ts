// Retention through the built CLI: a 100 ms recording with a one-second full-detail window
// (THERMOGRAPH_RETENTION) ends with its older samples folded into half-second buckets, and `show`
// says so, with statistics that count every sample and keep the peaks.

import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { SessionStatistics } from '../../../src-shared/timeline/statistics';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
// Three seconds of work, then exit: about 30 samples at 100 ms.
const program = [process.execPath, '-e', 'const end = Date.now() + 3000; while (Date.now() < end);'];

describe('record with a short full-detail window', () => {
  it('folds the samples older than the window into buckets, and show says so', () => {
    const environment = { THERMOGRAPH_RETENTION: '1000:500' };
    const recorded = harness.run(
      'record',
      ['--interval', '100', '--profile', 'none', '--json', '--', ...program],
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

    const text = harness.run('show', [String(session.id)]);
    expect(text.stdout).toMatch(
      /retention {2}older samples downsampled: \d+ samples kept as \d+ buckets? of min\/mean\/max/,
    );
  });
});
