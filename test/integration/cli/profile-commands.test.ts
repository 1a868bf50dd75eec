// The real `thermograph` bin's profile commands: import, hotspots, export, doctor, record --profile.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetPath } from '../../fixtures/targets/start-target';
import { useCliDatabase } from './cli-harness';

const fixtures = resolve(__dirname, '../../fixtures/profiles');
const harness = useCliDatabase(60_000);
const run = (command: string, args: string[] = []) => harness.run(command, args);

describe('thermograph profile commands', () => {
  it('points at the kind a session has when asked for the one it lacks', () => {
    const heap = JSON.parse(run('import', [join(fixtures, 'pprof/go-allocs.pb.gz'), '--json']).stdout) as {
      session: { id: number };
    };
    const asked = run('hotspots', [String(heap.session.id)]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('has no CPU profile; it has an allocation profile: use --kind allocation');
    const cpu = JSON.parse(run('import', [join(fixtures, 'cpuprofile/node-hot.cpuprofile'), '--json']).stdout) as {
      session: { id: number };
    };
    const allocation = run('hotspots', [String(cpu.session.id), '--kind', 'allocation']);
    expect(allocation.code).toBe(1);
    expect(allocation.stderr).toMatch(/allocation profiles are recorded for Node\.js programs.*use --kind cpu/);
  });

  it('imports a file, lists its hotspots and exports it for other tools', () => {
    const imported = run('import', [join(fixtures, 'cpuprofile/node-hot.cpuprofile'), '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const session = (JSON.parse(imported.stdout) as { session: { id: number; target: { format: string } } }).session;
    expect(session.target.format).toBe('cpuprofile');

    const text = run('hotspots', [String(session.id), '--top', '3']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(
      /^\s*SELF\s+SELF %\s+TOTAL\s+TOTAL %\s+SELF SAMPLES\s+TOTAL SAMPLES\s+FUNCTION$/,
    );
    expect(text.stdout.split('\n')[1]).toContain('hotFunction');

    const json = JSON.parse(run('hotspots', [String(session.id), '--top', '3', '--json']).stdout) as {
      schemaVersion: number;
      hotspots: { rows: { frame: number }[]; frames: { name: string }[] };
    };
    expect(json.schemaVersion).toBe(1);
    expect(json.hotspots.rows).toHaveLength(3);

    const out = join(harness.folder, 'out.cpuprofile');
    const exported = run('export', [String(session.id), '--format', 'cpuprofile', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(out);
    const written = JSON.parse(readFileSync(out, 'utf8')) as { nodes: unknown[]; samples: unknown[] };
    expect(written.nodes.length).toBeGreaterThan(3);
    expect(written.samples.length).toBeGreaterThan(100);
  });

  it('says what is wrong with a bad file, a bad format or a session without a profile', () => {
    const missing = run('import', [join(harness.folder, 'nope.cpuprofile')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.cpuprofile/);
    const usage = run('export', ['1', '--format', 'svg', '--out', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--format speedscope\|folded\|pprof\|cpuprofile/);
    const badProfiler = run('record', ['--profile', 'gdb', '--', 'true']);
    expect(badProfiler.code).toBe(2);
    expect(badProfiler.stderr).toMatch(/--profile must be one of auto, node, perf, python, none/);

    const recorded = run('record', [
      '--profile',
      'none',
      '--duration',
      '1',
      '--interval',
      '200',
      '--json',
      '--',
      'sleep',
      '5',
    ]);
    expect(recorded.code, recorded.stderr).toBe(0);
    const id = (JSON.parse(recorded.stdout) as { session: { id: number } }).session.id;
    const hotspots = run('hotspots', [String(id)]);
    expect(hotspots.code).toBe(1);
    expect(hotspots.stderr).toMatch(/recorded without a profiler\. Record again with --profile auto/);
  });

  it('records a Node.js program with --profile and --hz and shows the profile', () => {
    const recorded = run('record', [
      '--profile',
      'node',
      '--hz',
      '500',
      '--duration',
      '2',
      '--',
      process.execPath,
      targetPath('node-hot.js'),
      '20',
    ]);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stdout).toMatch(/profile {4}cpu by node-inspector: [\d,]+ samples, \d+ samples\/s achieved/);
    const hotspots = run('hotspots', ['1', '--top', '1']);
    expect(hotspots.stdout).toContain('hotFunction');
  });

  it('reports what this machine can profile', () => {
    const doctor = run('doctor', ['--json']);
    const report = JSON.parse(doctor.stdout) as { checks: { id: string; status: string; fix: string | null }[] };
    const ids = report.checks.map((check) => check.id);
    expect(ids).toEqual(
      expect.arrayContaining(['perf', 'perf-event-paranoid', 'austin', 'node-inspector', 'electron']),
    );
    for (const check of report.checks) if (check.status !== 'ok') expect(check.fix).toBeTruthy();
    const missing = report.checks.filter((check) => check.status === 'missing' && check.id !== 'electron');
    expect(doctor.code).toBe(missing.length > 0 ? 1 : 0);
    expect(run('doctor').stdout).toMatch(/^What this machine can profile:/);
  });
});
