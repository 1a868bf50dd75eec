// `thermograph record` through the real bin on targets that replace their program with exec (shell
// wrappers, `npm run`, `env`), and on a process whose files open but cannot be read (PID 1 here).
// A process is its PID, not its image: the recording must go on through an exec and mark it.

import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/engine';
import { cli, useCliDatabase } from './cli-harness';

const harness = useCliDatabase();

interface Shown {
  session: { endReason: string; target: { pid: number } };
  statistics: { sampleCount: number; durationMs: number };
  markers: { kind: string; message: string }[];
}

function show(id: number): Shown {
  const shown = harness.run('show', [String(id), '--json']);
  expect(shown.code, shown.stderr).toBe(0);
  return JSON.parse(shown.stdout) as Shown;
}

/** Records for `seconds` at `intervalMs` with `rest` (target options, then `--` and a command), and shows it. */
function recordAndShow(intervalMs: number, seconds: number, rest: string[]): Shown {
  const recorded = harness.run('record', ['--interval', String(intervalMs), '--duration', String(seconds), ...rest]);
  expect(recorded.code, recorded.stderr).toBe(0);
  return show(1);
}

describe('record through an exec', () => {
  it('keeps recording a launched shell after it execs its command, and marks the exec', () => {
    // The default profiler (perf, for a native target) follows it too.
    const { session, statistics, markers } = recordAndShow(250, 4, ['--', 'sh', '-c', 'sleep 0.5; exec sleep 30']);
    expect(session.endReason).toBe('duration-elapsed');
    // 4 s at 250 ms is 16 samples; before the fix the recording lost the target at the exec (4 samples).
    expect(statistics.sampleCount).toBeGreaterThanOrEqual(12);
    expect(statistics.durationMs).toBeGreaterThanOrEqual(3_000);
    const execs = markers.filter((marker) => marker.kind === 'target-exec');
    expect(execs).toHaveLength(1);
    expect(execs[0]!.message).toBe(`PID ${session.target.pid} replaced its program (exec): sleep 30`);
  });

  it('keeps recording a PID that execs, instead of ending as if it had exited', async () => {
    const shell = spawn('sh', ['-c', 'sleep 0.8; exec sleep 30'], { stdio: 'ignore' });
    try {
      const { session, statistics, markers } = recordAndShow(250, 3, ['--pid', String(shell.pid), '--profile', 'none']);
      expect(session.endReason).toBe('duration-elapsed');
      expect(statistics.sampleCount).toBeGreaterThanOrEqual(9);
      expect(markers.map((marker) => marker.kind)).toContain('target-exec');
      expect(shell.exitCode).toBeNull();
    } finally {
      shell.kill();
    }
  });

  it('follows a chain of execs (env, then the program) and a program that re-execs itself', () => {
    const { session, statistics, markers } = recordAndShow(100, 2.5, [
      '--profile',
      'none',
      '--',
      'env',
      'sh',
      '-c',
      'sleep 0.4; exec sh -c "sleep 0.4; exec sleep 30"',
    ]);
    expect(session.endReason).toBe('duration-elapsed');
    expect(statistics.sampleCount).toBeGreaterThanOrEqual(15);
    // env → sh is at once (before or at the first sample); sh → sh keeps the name, sh → sleep changes it.
    const messages = markers.filter((marker) => marker.kind === 'target-exec').map((marker) => marker.message);
    expect(messages.at(-1)).toMatch(/\(exec\): sleep 30$/);
    expect(messages.length).toBeGreaterThanOrEqual(2);
  });
});

describe('record through a rename', () => {
  it('does not take a process renaming itself for an exec (Node.js 24 renames its main thread as it starts)', () => {
    const { session, markers } = recordAndShow(100, 2, [
      '--profile',
      'none',
      '--',
      'sh',
      '-c',
      'sleep 0.5; printf renamed > /proc/$$/comm; sleep 30',
    ]);
    expect(session.endReason).toBe('duration-elapsed');
    expect(markers.filter((marker) => marker.kind === 'target-exec')).toEqual([]);
  });
});

describe('record a process whose files open but do not read', () => {
  it('records PID 1 with what can be read and says what cannot, instead of failing', async () => {
    // As root, /proc/1/io opens and then refuses the read (the kernel checks on every read).
    const child = spawn(
      process.execPath,
      [cli, 'record', '--db', harness.database, '--pid', '1', '--interval', '200', '--profile', 'none', '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    await sleep(1_500);
    child.kill('SIGINT');
    const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
    expect(stderr).not.toContain('This is a bug');
    expect(code, stderr).toBe(0);
    const { session } = JSON.parse(stdout) as {
      session: { endReason: string; sampleCount: number; limitations: { metrics: string[]; message: string }[] };
    };
    expect(session.endReason).toBe('user-stopped');
    expect(session.sampleCount).toBeGreaterThanOrEqual(3);
    // Root may read every user's files; what refuses is the kernel's ptrace check, and it says so.
    const io = session.limitations.find((limitation) => limitation.metrics.includes('readBytesRate'));
    if (process.getuid?.() === 0) expect(io?.message).toMatch(/^I\/O.* of PID 1 cannot be read: the kernel refuses/);
  });

  it('stops perf that is still starting with a sentence, not its raw warning about a temporary file', () => {
    // perf on PID 1 here takes over a second to attach; a 1 s recording stops it while it starts.
    const result = spawnSync(
      process.execPath,
      [cli, 'record', '--db', harness.database, '--pid', '1', '--duration', '1'],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    const said = result.stdout + result.stderr;
    expect(said).not.toMatch(/perf script failed|thermograph-perf-|data size field/);
  });
});
