// `thermograph report` with what watched the session and, asked with --trend, its target's trend:
// a real recording with an alert rule that fires (its alert, rules and memory forecast are in the
// report's data), and a target with weeks of history (real runs plus seeded ones, see
// test/helpers/trend-history.ts) whose planted change point the report's trend holds.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../../../src-shared/report/report-data';
import { recordTrendRun, seedTrendHistory, seededSessions, sessionsBeforeChange } from '../../helpers/trend-history';
import { cli, useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);

function reportData(path: string): ReportData {
  const html = readFileSync(path, 'utf8');
  const data = /<script type="application\/json" id="thermograph-report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(data) as ReportData;
}

describe('thermograph report: alerts, anomalies and the trend', () => {
  it("holds the session's alert rules, the alerts they fired and the memory forecast", () => {
    const recorded = harness.run('record', [
      '--interval',
      '100',
      '--profile',
      'none',
      '--alert',
      'threads>=1',
      '--',
      process.execPath,
      '-e',
      'setTimeout(() => {}, 800)',
    ]);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stderr).toMatch(/^ALERT threads>=1 fired: \d+\.$/m);
    const out = join(harness.folder, 'watched.html');
    const written = harness.run('report', ['1', '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    const { watch, trend } = reportData(out);
    expect(watch!.rules.map((rule) => rule.text)).toEqual(['threads>=1']);
    expect(watch!.anomalyDetection).toBe(true);
    expect(watch!.events.filter((event) => event.kind === 'alert').map((event) => event.alert.kind)).toContain('fired');
    expect(watch!.memory?.forecast.status).toBe('not-enough-data');
    expect(trend).toBeNull();
  });

  it("holds the target's trend when asked, with the planted change point, and refuses a metric that is none", () => {
    const real = [recordTrendRun(cli, harness.database), recordTrendRun(cli, harness.database)];
    seedTrendHistory(harness.database, real);
    const out = join(harness.folder, 'trend.html');
    const written = harness.run('report', [String(real[1]!.id), '--trend', 'wall', '--out', out]);
    expect(written.code, written.stderr).toBe(0);
    const { trend } = reportData(out);
    expect(trend!.metric).toBe('wall');
    expect(trend!.history).toHaveLength(seededSessions + real.length);
    expect(trend!.changePoints.map((point) => point.index)).toEqual([sessionsBeforeChange]);
    expect(trend!.target.sessions).toBe(seededSessions + real.length);

    const refused = harness.run('report', ['1', '--trend', 'speed', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--trend takes a run metric (wall, cpu.user');
  });
});
