// `thermograph record --alert … --on-alert …` through the built bin on a real service that spikes
// when signalled (test/fixtures/targets/spike-on-signal.js): the alert fires within two sample
// intervals of the spike at 100 ms (the reading pump) and at 1 s (the timer), counted in samples
// read back from the database, the CLI prints it, the hook runs with the event's variables, and a
// hook still running when the recording ends is ended with it.

import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../src-main/store/session-store';
import { processExists } from '../../../src-main/collectors/process-exists';
import type { SessionWatch } from '../../../src-shared/model/watch';
import { sleep } from '../../helpers/engine';
import { eventually, useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
const fixture = resolve(__dirname, '../../fixtures/targets/spike-on-signal.js');

/** Starts the service, waits for its `ready` line; the spike time is appended to `spikeFile`. */
async function startService(spikeFile: string) {
  const service = spawn(process.execPath, [fixture, '60', spikeFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready) => service.stdout!.once('data', () => ready()));
  return service;
}

/** Sample times of session 1 and what watched it, read from the database the CLI wrote. */
function recorded(): { times: number[]; watch: Pick<SessionWatch, 'events' | 'rules'> } {
  const store = SessionStore.open(harness.database);
  try {
    return {
      times: [...store.readSamples(1, { metrics: ['rss'] }).times],
      watch: { events: store.listWatchEvents(1), rules: store.getSession(1)!.settings.alertRules },
    };
  } finally {
    store.close();
  }
}

/**
 * Records the service for `seconds` at `intervalMs` with `rules`, signalling it at `spikeAfterMs`;
 * returns the CLI's stderr, the spike's time and the index of each fired alert's sample past the
 * first sample taken after the spike.
 */
async function recordSpike(
  intervalMs: number,
  seconds: number,
  spikeAfterMs: number,
  rules: string[],
  extra: string[] = [],
) {
  const spikeFile = join(harness.folder, 'spike.txt');
  const service = await startService(spikeFile);
  try {
    const alertArguments = rules.flatMap((rule) => ['--alert', rule]);
    const recording = harness.start('record', [
      '--pid',
      String(service.pid),
      '--interval',
      String(intervalMs),
      '--duration',
      String(seconds),
      '--profile',
      'none',
      '--no-anomalies',
      ...alertArguments,
      ...extra,
    ]);
    await sleep(spikeAfterMs);
    service.kill('SIGUSR2');
    const result = await recording;
    expect(result.code, result.stderr).toBe(0);
    const spike = readFileSync(spikeFile, 'utf8');
    const spikingAt = Number(/spiking (\d+)/.exec(spike)![1]);
    const spikedAt = Number(/spiked (\d+)/.exec(spike)![1]);
    const { times, watch } = recorded();
    const firstAfter = times.findIndex((time) => time >= spikedAt);
    expect(firstAfter).toBeGreaterThan(0);
    const firing = (rule: string) => {
      const fired = watch.events.find(
        (event) => event.kind === 'alert' && event.alert.kind === 'fired' && event.alert.rule.text === rule,
      );
      expect(fired, `${rule} never fired: ${JSON.stringify(watch.events)}`).toBeDefined();
      return fired!.kind === 'alert' ? fired!.alert : never();
    };
    /** How many samples after the first one taken once the spike was complete the rule fired (≤ 0: while it built up). */
    const lateness = (rule: string) => {
      const alert = firing(rule);
      // Never before the spike began: an alert on the quiet service would be a false one.
      expect(alert.since).toBeGreaterThanOrEqual(spikingAt);
      return times.indexOf(alert.time) - firstAfter;
    };
    /** Samples from the first reading over the threshold to the firing. */
    const held = (rule: string) => times.indexOf(firing(rule).time) - times.indexOf(firing(rule).since);
    return { stderr: result.stderr, watch, lateness, held };
  } finally {
    service.kill();
  }
}

function never(): never {
  throw new Error('unreachable');
}

describe('record --alert', () => {
  it('fires within two sample intervals of a spike at 100 ms, and a held rule after its duration', async () => {
    const { stderr, watch, lateness, held } = await recordSpike(100, 3.5, 1_200, ['rss>120MB', 'rss>120MB:1s']);
    // At the latest the sample after the first one taken once the memory was resident (the 160 MiB
    // take a while to fill, so a sample taken meanwhile may fire it already).
    expect(lateness('rss>120MB')).toBeLessThanOrEqual(1);
    // Held for 1 s at 100 ms: ceil(1000 / 100) = 10 readings after the first over it, within one more.
    expect(held('rss>120MB:1s')).toBeGreaterThanOrEqual(10);
    expect(held('rss>120MB:1s')).toBeLessThanOrEqual(11);
    expect(held('rss>120MB')).toBe(0);
    expect(watch.rules.map((rule) => rule.text)).toEqual(['rss>120MB', 'rss>120MB:1s']);
    expect(stderr).toMatch(/^ALERT rss>120MB fired: \d+ MB\.$/m);
    expect(stderr).toMatch(/^ALERT rss>120MB:1s fired: \d+ MB, over the threshold for 1(\.\d+)? s\.$/m);
  });

  it('fires within two sample intervals at 1 s, and runs the hook with the event', async () => {
    const hookFile = join(harness.folder, 'hook.txt');
    const hook = `printf '%s|%s|%s|%s\\n' "$THERMOGRAPH_EVENT" "$THERMOGRAPH_RULE" "$THERMOGRAPH_METRIC" "$THERMOGRAPH_THRESHOLD" >> ${hookFile}`;
    const { lateness } = await recordSpike(1_000, 5, 2_300, ['cpu>30%', 'rss>120MB'], ['--on-alert', hook]);
    expect(lateness('rss>120MB')).toBeLessThanOrEqual(1);
    // The spin starts with the memory: its first whole second over 30 % (a low bar, as another test's
    // programs may share the cores) is the next sample or the one after.
    expect(lateness('cpu>30%')).toBeLessThanOrEqual(2);
    const lines = readFileSync(hookFile, 'utf8').trim().split('\n').sort();
    expect(lines).toEqual(['alert|cpu>30%|cpu|30', 'alert|rss>120MB|rss|120000000']);
  });

  it('ends a hook still running when the recording ends', async () => {
    const pidFile = join(harness.folder, 'hook.pid');
    await recordSpike(100, 2, 600, ['rss>120MB'], ['--on-alert', `echo $$ > ${pidFile}; exec sleep 60`]);
    expect(existsSync(pidFile)).toBe(true);
    const hookPid = Number(readFileSync(pidFile, 'utf8'));
    expect(await eventually(() => !processExists(hookPid), 3_000)).toBe(true);
  });

  it('refuses a bad rule before anything starts, saying how to write one', () => {
    const result = harness.run('record', ['--alert', 'cpu>90 MB', '--duration', '1', '--', 'sleep', '5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--alert "cpu>90 MB": a percentage is written as a number with an optional "%"');
    expect(existsSync(harness.database) && recorded().times.length > 0).toBe(false);
  });
});
