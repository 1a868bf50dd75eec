// `thermograph export` read back: a recorded Node.js CPU profile exported as folded stacks and pprof,
// then imported again by the real bin, keeps its top function, sample count and weights; and the
// folded file is one speedscope's own folded parser reads (when the bench installed speedscope).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetPath } from '../../fixtures/targets/start-target';
import { useCliDatabase } from './cli-harness';

const fixtures = resolve(__dirname, '../../fixtures/profiles');
const harness = useCliDatabase(60_000);

interface ProfileSummary {
  kind: string;
  weightUnit: string;
  sampleCount: number;
  totalWeight: number;
  achievedRateHz: number | null;
}

interface SessionJson {
  session: { id: number; profiles: ProfileSummary[] };
}

function runJson(command: string, args: string[]): SessionJson {
  // --json first: after `--` it would be the launched command's.
  const result = harness.run(command, ['--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as SessionJson;
}

function cpuProfileOf(session: SessionJson['session']): ProfileSummary {
  const profile = session.profiles.find((entry) => entry.kind === 'cpu');
  expect(profile, JSON.stringify(session.profiles)).toBeDefined();
  return profile!;
}

/** Records node-hot.js for two seconds with the Node.js profiler; returns the session. */
function recordNodeHot(): SessionJson['session'] {
  const args = ['--profile', 'node', '--hz', '500', '--duration', '2', '--no-allocations'];
  return runJson('record', [...args, '--', process.execPath, targetPath('node-hot.js'), '20']).session;
}

function exportSession(id: number, format: string): string {
  const out = join(harness.folder, `export.${format}`);
  const exported = harness.run('export', [String(id), '--format', format, '--out', out]);
  expect(exported.code, exported.stderr).toBe(0);
  return out;
}

function topFunction(id: number): string {
  const hotspots = harness.run('hotspots', [String(id), '--top', '1', '--json']);
  expect(hotspots.code, hotspots.stderr).toBe(0);
  const table = (JSON.parse(hotspots.stdout) as { hotspots: { frames: { name: string }[]; rows: { frame: number }[] } })
    .hotspots;
  return table.frames[table.rows[0]!.frame]!.name;
}

// The line pattern of the folded importer in the speedscope bundle the bench installs, or null.
function speedscopeFoldedPattern(): RegExp | null {
  const release = join(homedir(), '.cache/thermograph-bench/peers/node_modules/speedscope/dist/release');
  if (!existsSync(release)) return null;
  for (const file of readdirSync(release).filter((name) => /^speedscope-.*\.js$/.test(name))) {
    // function …(t){let e=[];for(let n of t.splitLines()){let a=/^(.*) (\d+)$/gm.exec(n);…
    const source = /splitLines\(\)\)\{let \w+=\/(.+?)\/gm\.exec/.exec(readFileSync(join(release, file), 'utf8'));
    if (source) return new RegExp(source[1]!);
  }
  return null;
}

const speedscopePattern = speedscopeFoldedPattern();

describe('thermograph export, imported back', () => {
  it('writes folded stacks as whole sample counts that import back as the same samples', () => {
    const recorded = recordNodeHot();
    const original = cpuProfileOf(recorded);
    expect(original.sampleCount).toBeGreaterThan(50);
    const path = exportSession(recorded.id, 'folded');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    // flamegraph.pl, inferno and speedscope read only integer counts.
    for (const line of lines) expect(line).toMatch(/^.+ \d+$/);
    const counts = lines.map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(original.sampleCount);

    const imported = runJson('import', [path]).session;
    const copy = cpuProfileOf(imported);
    expect(copy.weightUnit).toBe('samples');
    expect(copy.sampleCount).toBe(original.sampleCount);
    expect(copy.totalWeight).toBe(original.sampleCount);
    expect(topFunction(imported.id)).toBe(topFunction(recorded.id));
    expect(topFunction(imported.id)).toBe('hotFunction');
  });

  it('writes pprof whose sample counts and weights import back', () => {
    const recorded = recordNodeHot();
    const original = cpuProfileOf(recorded);
    const imported = runJson('import', [exportSession(recorded.id, 'pprof')]).session;
    const copy = cpuProfileOf(imported);
    expect(copy.weightUnit).toBe('milliseconds');
    expect(copy.sampleCount).toBe(original.sampleCount);
    // pprof holds whole nanoseconds.
    expect(Math.abs(copy.totalWeight - original.totalWeight)).toBeLessThan(1e-6 * original.sampleCount);
    // Same samples over the same duration: the achieved rate is the recording's.
    expect(copy.achievedRateHz).toBeCloseTo(original.achievedRateHz!, 0);
    expect(topFunction(imported.id)).toBe(topFunction(recorded.id));
  });

  it.skipIf(speedscopePattern === null)(
    "writes folded lines speedscope's folded parser accepts (skipped when the bench has not installed speedscope under ~/.cache/thermograph-bench/peers)",
    () => {
      const imported = runJson('import', [join(fixtures, 'cpuprofile/node-hot.cpuprofile')]).session;
      const lines = readFileSync(exportSession(imported.id, 'folded'), 'utf8').trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(line).toMatch(speedscopePattern!);
    },
  );
});
