// `thermograph report` through the built bin: one HTML file per session (and comparison) that holds
// its viewer inline, allows nothing else by its Content-Security-Policy, carries its data as inert
// JSON with a format version, leaves a launched command's environment values out, and refuses bad
// requests with a sentence and the documented exit codes.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import { reportFormat, reportFormatVersion, type ReportData } from '../../../src-shared/report/report-data';
import { waitForEnd } from '../../helpers/engine';
import { useCliDatabase } from './cli-harness';

const benchmark = resolve(__dirname, '../../fixtures/targets/planted-regression.js');
const trickyFolded = resolve(__dirname, '../../fixtures/profiles/folded/tricky.folded');
const hostile = '</script><script>alert(1)</script>';
const harness = useCliDatabase(120_000);

/** The parts of a report file the tests read. */
function readReport(path: string) {
  const html = readFileSync(path, 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const data = /<script type="application\/json" id="thermograph-report-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
  const script = /<script>([\s\S]*?)<\/script>\n<\/body>/.exec(html)?.[1] ?? '';
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  return { html, policy, data: JSON.parse(data ?? 'null') as ReportData, script, style };
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Records one run of the benchmark with the Node.js profiler under `name`. */
function recordRun(name: string, slower: boolean): void {
  const result = harness.run(
    'record',
    ['--interval', '100', '--name', name, '--json', '--', process.execPath, benchmark],
    slower ? { SLOWER: '1' } : {},
  );
  expect(result.code, result.stderr).toBe(0);
}

describe('thermograph report', () => {
  it('writes one offline file: viewer inline, allowed by hash, data as versioned inert JSON', () => {
    recordRun('bench', false);
    const out = join(harness.folder, 'bench.html');
    const result = harness.run('report', ['bench', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const written = (JSON.parse(result.stdout) as { report: { path: string; bytes: number; sessionId: number } })
      .report;
    expect(written.path).toBe(out);

    const report = readReport(out);
    expect(Buffer.byteLength(report.html)).toBe(written.bytes);
    // Only this page's own script and style run; nothing loads from anywhere.
    expect(report.policy).toContain("default-src 'none'");
    expect(report.policy).toContain(`script-src ${sha256(report.script)}`);
    expect(report.policy).toContain(`style-src ${sha256(report.style)}`);
    expect(report.html).not.toMatch(/<(script|link|img|iframe)[^>]*\s(src|href)=/i);
    expect(report.html.match(/<script/g)).toHaveLength(2);

    const data = report.data;
    expect(data.format).toBe(reportFormat);
    expect(data.version).toBe(reportFormatVersion);
    expect(data.session.id).toBe(written.sessionId);
    expect(data.session.overhead?.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(data.timeline?.rawCount).toBeGreaterThan(0);
    expect(data.statistics.metrics.rss?.maximum).toBeGreaterThan(0);
    const cpu = data.profiles.find((profile) => profile.kind === 'cpu');
    expect(cpu?.flameGraph.frames.names).toContain('renderOutput');
    expect(cpu?.hotspots.frame.length).toBeGreaterThan(0);
    expect(data.comparison).toBeNull();
    // The diagnosis the app shows, with its recommendations: the benchmark keeps one core busy.
    expect(data.diagnosis?.diagnoses[0]?.class).toBe('cpu-bound-single');
    expect(data.diagnosis?.recommendations.map((recommendation) => recommendation.rule)).toContain('hot-function');
  });

  it('holds the comparison with another side, with the differential flame graph', () => {
    recordRun('main', false);
    recordRun('pr', true);
    const out = join(harness.folder, 'pr.html');
    const result = harness.run('report', ['pr', '--compare', 'main', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Report of session \d+ written to .*pr\.html \(\d+(\.\d+)? KiB\)\.\nOpen it in any browser: file:\/\//,
    );
    const comparison = readReport(out).data.comparison!;
    expect(comparison.report.baseline.label).toBe('main');
    expect(comparison.report.candidate.label).toBe('pr');
    expect(comparison.report.metrics.map((metric) => metric.metric)).toContain('wall');
    expect(comparison.diffFlameGraph?.frames.names).toContain('renderOutput');
    expect(comparison.diffFlameGraph?.baselineRuns).toBe(1);
    expect(comparison.overlay?.baseline.session.name).toBe('main');
    expect(comparison.overlay?.candidate.timeline.times.length).toBeGreaterThan(0);
  });

  it('keeps names from profiled programs as text, and data inert, whatever they hold', () => {
    const imported = harness.run('import', [trickyFolded, '--name', hostile]);
    expect(imported.code, imported.stderr).toBe(0);
    const out = join(harness.folder, 'tricky.html');
    expect(harness.run('report', ['1', '--out', out]).code).toBe(0);
    const report = readReport(out);
    expect(report.html.match(/<script/g)).toHaveLength(2);
    expect(report.html).not.toContain(hostile);
    expect(report.html).toContain(
      '<title>&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; — Thermograph report</title>',
    );
    expect(report.data.session.name).toBe(hostile);
    expect(report.data.timeline).toBeNull();
    expect(report.data.profiles[0]!.flameGraph.frames.names).toContain('<script>alert(1)</script>');
  });

  it('leaves a launched command’s environment values out of the report', async () => {
    const engine = createEngine({ databasePath: harness.database, mode: 'cli' });
    try {
      const session = await engine.api.startRecording({
        target: {
          kind: 'command',
          argv: [process.execPath, '-e', 'setTimeout(() => {}, 300)'],
          env: { API_TOKEN: 'hunter2-secret' },
        },
        intervalMs: 100,
        profiler: 'none',
      });
      await waitForEnd(engine, session.id);
    } finally {
      await engine.close();
    }
    const out = join(harness.folder, 'environment.html');
    expect(harness.run('report', ['1', '--out', out]).code).toBe(0);
    const report = readReport(out);
    expect(report.html).not.toContain('hunter2-secret');
    expect(report.data.session.target.kind === 'command' && Object.keys(report.data.session.target.env)).toEqual([
      'API_TOKEN',
    ]);
  });

  it('refuses what it cannot do with a sentence: usage (2) and failures (1)', () => {
    const usage = harness.run('report', ['1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('report needs one SESSION');
    const unknown = harness.run('report', ['nightly', '--out', join(harness.folder, 'x.html'), '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toEqual({
      schemaVersion: 1,
      error: {
        code: 'not-found',
        message: expect.stringContaining('No ended session, series or tag is called "nightly"'),
      },
    });
    recordRun('bench', false);
    const noFolder = harness.run('report', ['bench', '--out', join(harness.folder, 'missing', 'x.html')]);
    expect(noFolder.code).toBe(1);
    expect(noFolder.stderr).toContain('its folder does not exist');
  });
});
