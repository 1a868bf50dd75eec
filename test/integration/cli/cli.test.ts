// The real `thermograph` bin (out/main/cli.js, built by `npm run build`) on real targets.

import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/engine';
import { startTarget, targetPath } from '../../fixtures/targets/start-target';
import { createEngine } from '../../../src-main/api/engine';
import { processGroupAlive } from '../../../src-main/collectors/process-group';
import { cli, useCliDatabase } from './cli-harness';
import { joinCommandLine } from '../../../src-shared/format/command-line';

/** A kernel thread this process can see (kthreadd outside a PID namespace), or null. */
function kernelThread(): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'latin1').split(') ')[1]!.split(' ');
      // Field 23 (vsize) is 0 only for a kernel thread; it is index 20 after the command name.
      if (fields[20] === '0' && fields[0] !== 'Z') return Number(entry);
    } catch {
      // exited while listed
    }
  }
  return null;
}

const harness = useCliDatabase();
// The CLI's own argument order: the command first, then its arguments.
const run = ([command, ...rest]: string[]) => harness.run(command!, rest);

describe('thermograph CLI', () => {
  it('runs as an executable, the way npx and the bin link start it', () => {
    const result = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('records a launched command and prints stable JSON', () => {
    const recorded = run([
      'record',
      '--interval',
      '200',
      '--duration',
      '1.5',
      '--name',
      'busy',
      '--json',
      '--',
      process.execPath,
      targetPath('cpu-busy.js'),
      '10',
    ]);
    expect(recorded.code).toBe(0);
    const output = JSON.parse(recorded.stdout);
    expect(output).toMatchObject({
      schemaVersion: 1,
      session: {
        id: 1,
        name: 'busy',
        status: 'ended',
        endReason: 'duration-elapsed',
        target: { kind: 'command', runtime: 'node' },
      },
    });
    expect(output.statistics.sampleCount).toBeGreaterThanOrEqual(5);
    expect(output.statistics.metrics.cpuUser.average).toBeGreaterThan(20);

    const listed = JSON.parse(run(['sessions', '--json']).stdout);
    expect(listed.sessions.map((session: { name: string }) => session.name)).toEqual(['busy']);
    const shown = run(['show', '1']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Session 1: busy');
    expect(shown.stdout).toMatch(/CPU\s+avg \d/);
    // The target, runtime and end read as the UI says them (src-shared/format/session-labels.ts).
    const pid = output.session.target.pid as number;
    const command = joinCommandLine([process.execPath, targetPath('cpu-busy.js'), '10']);
    expect(shown.stdout).toContain(`  target     pid ${pid} · ${command}  [Node.js]`);
    expect(shown.stdout).toMatch(/\n {2}ended {6}Duration reached( — .*)?\n/);
    expect(run(['sessions']).stdout.split('\n')[1]).toMatch(/ Duration reached$/);
  });

  it('describes an imported profile by its format and file, and says once that it was imported', () => {
    const imported = run(['import', resolve(__dirname, '../../fixtures/profiles/folded/tricky.folded'), '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    const shown = run(['show', String(JSON.parse(imported.stdout).session.id)]);
    expect(shown.stdout).toMatch(/ {2}target {5}imported folded · \S*tricky\.folded {2}\[Node\.js\]\n/);
    expect(shown.stdout).toContain('\n  ended      Imported from tricky.folded (folded).\n');
  });

  it('records a PID until it exits', async () => {
    const target = await startTarget('sleeper.js', ['1.5']);
    try {
      const recorded = run(['record', '--pid', String(target.pid), '--interval', '100', '--json']);
      expect(recorded.code).toBe(0);
      expect(JSON.parse(recorded.stdout).session).toMatchObject({
        endReason: 'target-exited',
        target: { kind: 'pid', pid: target.pid },
      });
    } finally {
      await target.stop();
    }
  });

  it.skipIf(kernelThread() === null)('refuses a kernel thread with the reason, not "no process"', () => {
    const refused = run(['record', '--pid', String(kernelThread()), '--duration', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is a kernel thread: it has no program or memory of its own to record/);
  });

  it('counts in words a person reads: "1 sample", not "1 samples", and an unmeasured CPU as —', () => {
    const recorded = run(['record', '--duration', '1', '--profile', 'none', '--', 'sleep', '3']);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/\((1 timeline sample|\d+ timeline samples), one every 1 s\)/);
    expect(recorded.stdout).not.toMatch(/\b1 samples\b/);
    // One sample has no rate yet: its CPU is unknown, not an idle 0%.
    if (recorded.stdout.includes('(1 timeline sample,')) expect(recorded.stdout).toMatch(/CPU {8}avg — {2}peak —/);
  });

  it('exits 2 on usage errors and 1 on failures, with a message', () => {
    const usage = run(['record', '--interval', 'fast', '--pid', '1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--interval must be a whole number');
    const negative = run(['record', '--duration', '-1', '--', 'true']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/--duration must be .*greater than 0/);
    const missing = run(['record', '--pid', '4000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No process with PID 4000000');
    const unknown = run(['show', '99']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Session 99 does not exist');
    // With --json the failure is JSON on stdout too, for the tool that reads it.
    const unknownJson = run(['show', '99', '--json']);
    expect(unknownJson.code).toBe(1);
    expect(JSON.parse(unknownJson.stdout)).toEqual({
      schemaVersion: 1,
      error: { code: 'not-found', message: expect.stringContaining('Session 99 does not exist') },
    });
    const noCommand = run(['record', '--', 'definitely-not-a-command']);
    expect(noCommand.code).toBe(1);
    expect(noCommand.stderr).toContain('"definitely-not-a-command" was not found');
  });

  it('stops on Ctrl-C (SIGINT) and keeps the session', async () => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'record',
        '--interval',
        '100',
        '--json',
        '--db',
        harness.database,
        '--',
        process.execPath,
        targetPath('sleeper.js'),
        '30',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (data) => (stdout += data));
    await sleep(1_500);
    child.kill('SIGINT');
    const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).session).toMatchObject({ endReason: 'user-stopped', exitSignal: 'SIGTERM' });
  });

  it('stops cleanly on a Ctrl-C sent the moment the recording is announced, leaving nothing running', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'record', '--db', harness.database, '--', 'sh', '-c', 'sleep 30 & wait'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr.once('data', () => child.kill('SIGINT'));
    const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
    expect(code).toBe(0);
    const { session } = JSON.parse(run(['show', '1', '--json']).stdout);
    expect(session.endReason).toBe('user-stopped');
    expect(processGroupAlive(session.target.pid)).toBe(false);
  });

  it('closes a session left recording by a crash as recovered-after-crash, keeping its samples', async () => {
    const child = spawn(
      process.execPath,
      // The target is this test process: no profiler, which would open an inspector in it.
      [cli, 'record', '--interval', '100', '--profile', 'none', '--db', harness.database, '--pid', String(process.pid)],
      { stdio: 'ignore' },
    );
    await sleep(2_000);
    child.kill('SIGKILL');
    await new Promise((resolveExit) => child.once('exit', resolveExit));
    const engine = createEngine({ databasePath: harness.database, mode: 'cli' });
    try {
      const [session] = await engine.api.listSessions({});
      expect(session).toMatchObject({ status: 'ended', endReason: 'recovered-after-crash' });
      // Samples are written every second: a crash loses at most the last second (10 samples at 10 Hz).
      expect(session!.sampleCount).toBeGreaterThanOrEqual(9);
      expect(session!.endedAt).toBeGreaterThanOrEqual(session!.startedAt);
    } finally {
      await engine.close();
    }
  });
});
