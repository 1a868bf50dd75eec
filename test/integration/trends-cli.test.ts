// `thermograph trends` through the built CLI: a target's history with a planted change point and a
// forecast, the same numbers in text and JSON, a metric read from the output, and the messages for
// an unknown target and a metric that is none.

import { describe, expect, it } from 'vitest';
import type { ApiValue } from '../../src-shared/api/contract';
import { formatTrendValue } from '../../src-shared/format/trend';
import type { SessionSummary } from '../../src-shared/model/session';
import type { TrendTarget } from '../../src-shared/model/trend-target';
import { cli, useCliDatabase } from './cli/cli-harness';
import { recordTrendRun, seedTrendHistory } from '../helpers/trend-history';

const harness = useCliDatabase(60_000);

/** One real run of a short command that prints a result, recorded through the built CLI. */
function recordRun(): SessionSummary {
  return recordTrendRun(cli, harness.database);
}

describe('thermograph trends', () => {
  it('lists the target, finds the planted change point and forecasts, in text and JSON alike', () => {
    const real = [recordRun(), recordRun()];
    const seeded = seedTrendHistory(harness.database, real);
    // The first session after the change: the 13th of the target's history, seeded.
    const changed = seeded[12]!;

    const list = harness.run('trends', ['--json']);
    expect(list.code, list.stderr).toBe(0);
    const targets = (JSON.parse(list.stdout) as { schemaVersion: number; targets: TrendTarget[] }).targets;
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ sessions: seeded.length + real.length, newestSessionId: real[1]!.id });
    expect(targets[0]!.metrics).toContain('wall');
    const listText = harness.run('trends');
    expect(listText.stdout).toContain(String(seeded.length + real.length));
    expect(listText.stdout).toContain(targets[0]!.label);

    const json = harness.run('trends', [String(real[0]!.id), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { schemaVersion: number; trend: ApiValue<'getTrend'> };
    expect(parsed.schemaVersion).toBe(1);
    const { trend } = parsed;
    expect(trend.history).toHaveLength(seeded.length + real.length);
    expect(trend.changePoints).toHaveLength(1);
    const [point] = trend.changePoints;
    expect(point!.sessionId).toBe(changed);
    // Wall time doubled: +100 % planted, the estimate within the noise of it.
    expect(point!.comparison.change!.estimate).toBeGreaterThan(0.7);
    expect(point!.comparison.change!.estimate).toBeLessThan(1.3);
    expect(point!.comparison.p).toBeLessThan(0.01);
    expect(trend.forecast.ok).toBe(true);
    if (!trend.forecast.ok) return;
    expect(trend.forecast.sessions).toBe(seeded.length - 12 + real.length);

    // The text says the same, in the same formatting.
    const text = harness.run('trends', [String(real[0]!.id)]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`at session ${changed} (`);
    expect(text.stdout).toContain(formatTrendValue(point!.comparison.candidate.median, 'wall'));
    expect(text.stdout).toContain(`rests on ${trend.forecast.sessions} sessions over`);
    const in30 = trend.forecast.points.find((entry) => entry.horizonDays === 30)!;
    expect(text.stdout).toContain(`in 30 days (`);
    expect(text.stdout).toContain(
      `${formatTrendValue(in30.estimate, 'wall')}  [${formatTrendValue(in30.low, 'wall')}, ${formatTrendValue(in30.high, 'wall')}]`,
    );

    // A target by its name, and a number the sessions printed.
    const printed = harness.run('trends', [real[0]!.name, '--metric', 'result=result=(\\d+)', '--json']);
    expect(printed.code, printed.stderr).toBe(0);
    const printedTrend = (JSON.parse(printed.stdout) as { trend: ApiValue<'getTrend'> }).trend;
    expect(printedTrend.metric).toBe('output:result');
    expect(printedTrend.history.map((entry) => entry.value).slice(-2)).toEqual([40, 40]);
    expect(printedTrend.history).toHaveLength(seeded.length + real.length);
  });

  it('says what to pass for an unknown target and a metric that is none', () => {
    recordRun();
    const unknown = harness.run('trends', ['no-such-target']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No ended session\'s target is "no-such-target"');
    expect(unknown.stderr).toContain('`thermograph trends` lists the targets');
    const unknownJson = harness.run('trends', ['no-such-target', '--json']);
    expect(JSON.parse(unknownJson.stdout)).toMatchObject({ schemaVersion: 1, error: { code: 'not-found' } });
    const missing = harness.run('trends', ['9999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Session 9999 does not exist');

    const metric = harness.run('trends', ['1', '--metric', 'speed']);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toContain('--metric takes a run metric (wall, cpu.user');
    expect(metric.stderr).toContain('not "speed"');
    const pattern = harness.run('trends', ['1', '--metric', 'speed=fast']);
    expect(pattern.code).toBe(2);
    expect(pattern.stderr).toContain('needs a capture group');
  });
});
