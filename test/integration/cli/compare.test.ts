// `record --repeat` and `thermograph compare` through the built bin: a series of real runs of a
// benchmark with a planted regression (test/fixtures/targets/planted-regression.js) against the
// same benchmark without it. The comparison must find the regression on wall time and on the
// function that got slower, fail the CI gate with its own exit code, and find nothing between a
// series and itself.

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../../src-shared/compare/report';
import type { SessionSummary } from '../../../src-shared/model/session';
import { useCliDatabase } from './cli-harness';

const benchmark = resolve(__dirname, '../../fixtures/targets/planted-regression.js');
const harness = useCliDatabase(240_000);

/** Records `runs` runs (after one warm-up) of the benchmark as the series `name`. */
function recordSeries(name: string, runs: number, slower: boolean, profile: 'node' | 'none'): number[] {
  const result = harness.run(
    'record',
    [
      '--repeat',
      String(runs),
      '--warmup',
      '1',
      '--interval',
      '100',
      '--profile',
      profile,
      '--name',
      name,
      '--json',
      '--',
      process.execPath,
      benchmark,
    ],
    slower ? { SLOWER: '1' } : {},
  );
  expect(result.code, result.stderr).toBe(0);
  const series = JSON.parse(result.stdout) as {
    series: string;
    sessions: SessionSummary[];
  };
  expect(series.series).toBe(name);
  expect(series.sessions).toHaveLength(runs);
  for (const session of series.sessions) {
    expect(session.endReason).toBe('target-exited');
    // Each run's figures are stored with it when it ends, so comparing series reads no samples.
    expect(session.runMetrics?.wall).toBeGreaterThan(0);
    expect(session.runMetrics?.['cpu.user']).toBeGreaterThan(0);
  }
  return series.sessions.map((session) => session.id);
}

function compare(args: string[]): {
  code: number | null;
  report: ComparisonReport | null;
  stdout: string;
  stderr: string;
} {
  const result = harness.run('compare', args);
  let report: ComparisonReport | null;
  try {
    report = JSON.parse(result.stdout) as ComparisonReport;
  } catch {
    report = null;
  }
  return { code: result.code, report, stdout: result.stdout, stderr: result.stderr };
}

describe('record --repeat and compare', () => {
  it('finds a planted regression on wall time and on the function that got slower, and fails the gate', () => {
    recordSeries('main', 6, false, 'node');
    recordSeries('pr', 6, true, 'node');
    // Warm-up runs are deleted: only the 12 kept runs remain.
    const listed = JSON.parse(harness.run('sessions', ['--json']).stdout) as { sessions: { name: string }[] };
    expect(listed.sessions.map((session) => session.name).sort()).toEqual([
      ...Array(6).fill('main'),
      ...Array(6).fill('pr'),
    ]);

    const { code, report, stderr } = compare(['main', 'pr', '--fail-on', 'wall:+5%', '--json']);
    expect(code, stderr).toBe(3);
    expect(report!.mode).toBe('runs');
    expect(report!.regression).toBe(true);
    const wall = report!.metrics.find((entry) => entry.metric === 'wall')!;
    expect(wall.comparison.verdict).toBe('increase');
    expect(wall.comparison.change!.estimate).toBeGreaterThan(0.05);
    expect(report!.functions[0]!.name).toBe('renderOutput');
    expect(report!.functions[0]!.verdict).toBe('increase');
    expect(report!.gate[0]!.status).toBe('regression');

    // The same comparison for people: a table, and Markdown for a pull-request comment.
    const text = harness.run('compare', ['main', 'pr', '--fail-on', 'wall:+5%']);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/Wall time .*▲ slower/);
    expect(text.stdout).toMatch(/wall:\+5%: REGRESSION/);
    const markdown = harness.run('compare', ['main', 'pr', '--format', 'markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('| metric | baseline (median) |');

    // A threshold larger than the change passes the gate.
    expect(compare(['main', 'pr', '--fail-on', 'wall:+200%', '--json']).code).toBe(0);

    // The benchmark's own printed result is compared too, and gated like any metric.
    const printed = compare([
      'main',
      'pr',
      '--metric',
      String.raw`took_ms=took (\d+\.\d+) ms`,
      '--fail-on',
      'took_ms:+5%',
      '--json',
    ]);
    expect(printed.code, printed.stderr).toBe(3);
    const took = printed.report!.metrics.find((entry) => entry.metric === 'took_ms')!;
    expect(took.comparison.baseline.count).toBe(6);
    expect(took.comparison.verdict).toBe('increase');
    const badPattern = harness.run('compare', ['main', 'pr', '--metric', 'took_ms=took \\d+ ms']);
    expect(badPattern.code).toBe(2);
    expect(badPattern.stderr).toMatch(/needs a capture group/);
  }, 240_000);

  it('finds no change between a series and itself, and says when a side cannot be found or a rule is malformed', () => {
    recordSeries('same', 4, false, 'none');
    const { code, report } = compare(['same', 'same', '--fail-on', 'wall:+1%', '--json']);
    expect(code).toBe(0);
    for (const entry of report!.metrics) {
      const { baseline, candidate, verdict } = entry.comparison;
      // Context switches are rates read once a second: a run shorter than that (how long depends on the
      // machine's load) has none, and a side with fewer values than runs cannot be judged. Whatever a
      // metric has, the same runs on both sides never read as a change.
      if (baseline.count === 4 && candidate.count === 4) expect(verdict, entry.metric).toBe('no-change');
      else expect(verdict, entry.metric).toBe('insufficient');
    }
    expect(report!.metrics.find((entry) => entry.metric === 'wall')?.comparison.verdict).toBe('no-change');

    const missing = harness.run('compare', ['same', 'nothing-called-this']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No ended session, series or tag is called "nothing-called-this"/);
    const malformed = harness.run('compare', ['same', 'same', '--fail-on', 'wall>5%']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/METRIC:\+N%/);
    // A typo in a rule's metric would pass every gate: it is a usage error.
    const typo = harness.run('compare', ['same', 'same', '--fail-on', 'wal:+5%']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--fail-on wal:+5% names no metric');
    const clash = harness.run('compare', ['same', 'same', '--metric', 'wall=took (\\d+) ms']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--metric wall would hide the built-in metric');
    // A printed metric no run printed cannot be judged, and the gate says so instead of passing.
    const unjudged = harness.run('compare', [
      'same',
      'same',
      '--metric',
      'score=score (\\d+)',
      '--fail-on',
      'score:+1%',
    ]);
    expect(unjudged.code).toBe(1);
    expect(unjudged.stderr).toContain('--fail-on score:+1% could not be judged');
    const pid = harness.run('record', ['--repeat', '3', '--pid', String(process.pid)]);
    expect(pid.code).toBe(2);
    expect(pid.stderr).toMatch(/--repeat and --warmup run a launched command/);
  }, 120_000);

  it('compares two imported profiles by their functions, and reports them with the differential flame graph', () => {
    const profiles = resolve(__dirname, '../../fixtures/profiles/cpuprofile');
    expect(harness.run('import', [`${profiles}/node-hot.cpuprofile`, '--name', 'hot']).code).toBe(0);
    expect(harness.run('import', [`${profiles}/tricky-names.cpuprofile`, '--name', 'tricky']).code).toBe(0);
    const { code, report } = compare(['hot', 'tricky', '--json']);
    expect(code).toBe(0);
    expect(report!.metrics).toEqual([]);
    expect(report!.notes.join(' ')).toContain('only the profiles are compared');
    const hot = report!.functions.find((entry) => entry.name === 'hotFunction');
    expect(hot?.presence).toBe('baseline-only');
    const out = `${harness.folder}/imported.html`;
    expect(harness.run('report', ['tricky', '--compare', 'hot', '--out', out]).code).toBe(0);
  });
});
