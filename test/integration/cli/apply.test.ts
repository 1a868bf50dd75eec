// `thermograph apply` and `thermograph presets` through the built bin, on the GC-heavy fixture under a
// 96 MiB heap limit (test/fixtures/targets/experiment-gc-heavy.js): the heap-limit recommendation is
// kept and lands in the command's launch preset, which the next recording gets and `presets --remove`
// takes away; a change that cannot help is rolled back; a `thermograph apply` killed with SIGKILL
// mid-run leaves no process of the run behind and its experiment `interrupted` for the next command.

import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Experiment, PresetEntry } from '../../../src-shared/diagnosis/experiment';
import type { Recommendation } from '../../../src-shared/diagnosis/recommendation';
import type { SessionMarker } from '../../../src-shared/model/session';
import { cli, eventually, useCliDatabase } from './cli-harness';
import { processesWith } from '../../helpers/processes';

const harness = useCliDatabase(150_000);
const heapLimit = { NODE_OPTIONS: '--max-old-space-size=96' };
/** A small heap promoted in small steps, and the live data that leaves room in it (see the fixture). */
const smallHeap = { NODE_OPTIONS: '--max-semi-space-size=2 --max-old-space-size=96' };
const gcHeavyArgs = ['1', '640000'];

/**
 * Records the GC-heavy fixture, copied into the test's folder so that its path (and so its runs in
 * /proc, and its launch preset) belong to this test alone; returns the session id. A run lasts about
 * half a second: samples every 100 ms give the diagnosis the heap readings it needs.
 */
function recordGcHeavy(args: string[] = [], environment = heapLimit): number {
  const program = join(harness.folder, 'gc-heavy.js');
  copyFileSync(resolve(__dirname, '../../fixtures/targets/experiment-gc-heavy.js'), program);
  const result = harness.run(
    'record',
    ['--json', '--interval', '100', '--', process.execPath, program, ...args],
    environment,
  );
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: { id: number } }).session.id;
}

/** The session's recommendations, checked to include the heap-limit one with its action. */
function heapRecommendation(sessionId: number): Recommendation {
  const result = harness.run('recommend', [String(sessionId), '--json']);
  expect(result.code, result.stderr).toBe(0);
  const { recommendations } = JSON.parse(result.stdout) as { recommendations: Recommendation[] };
  const found = recommendations.find((recommendation) => recommendation.id === 'node-old-space');
  const diagnosis = harness.run('diagnose', [String(sessionId)]).stdout;
  expect(found?.action, `no node-old-space recommendation; the diagnosis was:\n${diagnosis}`).toMatchObject({
    kind: 'node-option',
  });
  return found!;
}

function presets(sessionId: number): PresetEntry[] {
  const result = harness.run('presets', [String(sessionId), '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { presets: PresetEntry[] }).presets;
}

function experiments(sessionId: number): Experiment[] {
  const result = harness.run('show', [String(sessionId), '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { experiments: Experiment[] }).experiments;
}

describe('thermograph apply', () => {
  it('keeps a higher heap limit for a program collecting near its limit; presets lists it, the next recording gets it, --remove takes it away', async () => {
    const sessionId = recordGcHeavy(gcHeavyArgs, smallHeap);
    const recommendation = heapRecommendation(sessionId);
    const applied = harness.run('apply', [String(sessionId), 'node-old-space', '--runs', '6', '--max-runs', '20']);
    console.log(`apply node-old-space:\n${applied.stdout}`);
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    expect(applied.stdout).toMatch(/^Kept: −\d+ % wall time \[.*\], p [<=] [\d.]+; this setting is now part of/);
    expect(applied.stdout).toMatch(/baseline {2}median [\d.]+ m?s over \d+ runs/);
    // One line per run, in turn, counted against the runs planned.
    const runLines = applied.stderr.split('\n').filter((line) => line.startsWith('run '));
    expect(runLines.length).toBeGreaterThanOrEqual(12);
    expect(runLines.slice(0, 2).map((line) => line.replace(/ +/g, ' ').split(' ').slice(0, 3))).toEqual([
      ['run', '1/12', 'baseline'],
      ['run', '2/12', 'changed'],
    ]);

    const option = recommendation.action!.kind === 'node-option' ? recommendation.action!.option : '';
    expect(presets(sessionId).map((entry) => entry.action)).toEqual([recommendation.action]);
    const listed = harness.run('presets');
    expect(listed.stdout).toContain(`NODE_OPTIONS += ${option}  kept by experiment`);
    expect(listed.stdout).toContain('gc-heavy.js');
    expect(harness.run('show', [String(sessionId)]).stdout).toMatch(/experiment \d+ {2}Kept {2}NODE_OPTIONS \+= /);

    // The next recording of the same command is launched with it, and its session says so.
    const next = recordGcHeavy(gcHeavyArgs, smallHeap);
    const shown = JSON.parse(harness.run('show', [String(next), '--json']).stdout) as { markers: SessionMarker[] };
    expect(shown.markers.find((marker) => marker.kind === 'note')?.message).toContain(
      `Launch preset applied (kept by experiments): NODE_OPTIONS += ${option}`,
    );

    // Named by the option's name alone, before the session id (its value starts with dashes).
    const removed = harness.run('presets', ['--remove', option.split('=')[0]!, String(next)]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/^Removed NODE_OPTIONS \+= --max-old-space-size=\d+ .*its preset is now empty/);
    expect(presets(sessionId)).toEqual([]);
    const again = harness.run('presets', [String(sessionId), '--remove', option]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`has no entry for "${option}"`);
  }, 300_000);

  it('rolls back a change that cannot help and leaves the preset as it was', () => {
    // Less live data than the heap-limit tests: this one keeps Node's own young generation, whose
    // large promotions need more room under the 96 MiB limit (see the fixture).
    const sessionId = recordGcHeavy(['1', '400000']);
    // Node 24 already grows the young generation to 64 MiB for this program (see the fixture).
    const applied = harness.run('apply', [String(sessionId), 'node-semi-space', '--json']);
    const { experiment } = JSON.parse(applied.stdout) as { schemaVersion: 1; experiment: Experiment };
    console.log(`apply node-semi-space: ${experiment.verdict}`);
    expect(applied.code).toBe(1);
    expect(experiment.state).toBe('rolled-back');
    expect(experiment.verdict).toMatch(/the setting was removed$/);
    expect(presets(sessionId)).toEqual([]);
    expect(harness.run('presets').stdout).toMatch(/^No launch presets/);
  }, 300_000);

  it('killed with SIGKILL mid-run leaves no process of the run, and the next command shows the experiment interrupted', async () => {
    const sessionId = recordGcHeavy();
    const apply = spawn(
      process.execPath,
      [cli, 'apply', '--db', harness.database, String(sessionId), 'node-old-space'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    apply.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    expect(await eventually(() => stderr.includes('run 1/'), 60_000), stderr).toBe(true);
    // The next run is being spawned or runs: wait until it is alive, then kill the CLI outright.
    const program = join(harness.folder, 'gc-heavy.js');
    expect(await eventually(() => processesWith(program).length > 0, 10_000)).toBe(true);
    const exited = new Promise((resolveExit) => apply.once('exit', resolveExit));
    apply.kill('SIGKILL');
    await exited;

    // The guardian ends the run's process group.
    expect(await eventually(() => processesWith(program).length === 0, 10_000)).toBe(true);
    const shown = harness.run('show', [String(sessionId)]);
    expect(shown.stdout).toMatch(
      /experiment \d+ {2}Interrupted {2}NODE_OPTIONS \+= --max-old-space-size=\d+: .*nothing was kept/,
    );
    expect(experiments(sessionId)[0]?.state).toBe('interrupted');
    expect(presets(sessionId)).toEqual([]);
  }, 120_000);
});

describe('thermograph apply and presets usage', () => {
  it.each([
    [['apply', '1'], /needs a SESSION id and a RECOMMENDATION/],
    [['apply', '1', 'node-old-space', '--runs', '2'], /--runs must be a whole number from 4 to 40/],
    [['apply', '1', 'node-old-space', '--runs', '9', '--max-runs', '5'], /--max-runs \(5\) must be at least --runs/],
    [['apply', '1', 'node-old-space', '--metric', 'ms'], /--metric takes NAME=REGEX/],
    [['presets', '1', '--remove', 'not an action'], /--remove takes NAME=VALUE/],
  ])('%j exits 2 with what to do', (argv, message) => {
    const [command, ...args] = argv as [string, ...string[]];
    const result = harness.run(command, [...args, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(JSON.parse(result.stdout)).toMatchObject({ schemaVersion: 1, error: { code: 'usage' } });
  });

  it('refuses an unknown session, a recommendation without an action, or a window length for a command, with exit 1', () => {
    const missing = harness.run('apply', ['7', 'node-old-space']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Session 7 does not exist/);
    const sessionId = recordGcHeavy();
    const codeLevel = harness.run('apply', [String(sessionId), 'allocation-churn:(anonymous)']);
    expect(codeLevel.code).toBe(1);
    expect(codeLevel.stderr).toMatch(/has no action to apply/);
    const windowed = harness.run('apply', [String(sessionId), 'node-semi-space', '--window', '500']);
    expect(windowed.code).toBe(1);
    expect(windowed.stderr).toMatch(/measured in runs, not windows of time: apply it without a window length/);
    expect(experiments(sessionId)).toEqual([]);
  }, 60_000);
});
