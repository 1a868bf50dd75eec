// The path matrix: every profiler × launched and attached × a target that runs plainly, execs,
// forks or exits early, each through the real `thermograph record` bin, asserting what a user sees:
// the session's samples, its profile (the planted hot function on top, or a clear reason there is
// none) and how it ended. Python: py-spy here on forking and exiting targets; every Python version,
// wrappers, and the austin and perf-trampoline fallbacks are in record-python.test.ts.

import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../helpers/engine';
import { targetPath } from '../../fixtures/targets/start-target';
import { buildNativeHot } from '../profilers/perf-targets';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
let native: ReturnType<typeof buildNativeHot>;
beforeAll(() => {
  native = buildNativeHot();
});
afterAll(() => native?.remove());

interface Recorded {
  endReason: string;
  sampleCount: number;
  exitCode: number | null;
  profiler: { profiler: string; state: string; message: string | null } | null;
}

/** `record --interval 200 --json ARGS`; the session as recorded. */
function record(args: string[]): Recorded {
  const result = harness.run('record', ['--interval', '200', '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: Recorded }).session;
}

/** The functions with the most self time in session 1's CPU profile, best first. */
function topFunctions(count = 3): string[] {
  const result = harness.run('hotspots', ['1', '--json', '--top', String(count)]);
  expect(result.code, result.stderr).toBe(0);
  const { hotspots } = JSON.parse(result.stdout) as {
    hotspots: { frames: { name: string }[]; rows: { frame: number }[] };
  };
  return hotspots.rows.map((row) => hotspots.frames[row.frame]!.name);
}

/** Starts argv in the background, for --pid; killed (with its group) after the test. */
async function running(argv: string[], settleMs = 300): Promise<ChildProcess> {
  const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', detached: true });
  started.push(child);
  await sleep(settleMs);
  return child;
}
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** Polls until `done()` or `limitMs` passes; returns its last answer. */
async function eventually(done: () => boolean, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  while (!done() && Date.now() < deadline) await sleep(100);
  return done();
}

/** True once a `perf record -p PID…` runs and has written its output file's header. */
function perfHeaderWritten(pid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0] !== 'perf' || argv[1] !== 'record') continue;
      const pids = argv[argv.indexOf('-p') + 1]!.split(',');
      const output = argv[argv.indexOf('-o') + 1]!;
      if (pids.includes(String(pid)) && statSync(output).size > 0) return true;
    } catch {
      // Exited while we looked, or its file is not there yet.
    }
  }
  return false;
}

const node = (script: string, ...args: string[]) => [process.execPath, targetPath(script), ...args];

describe('path matrix: Node.js profiler', () => {
  it('launched, plain: the planted hot function tops the profile', () => {
    const session = record(['--profile', 'node', '--duration', '2', '--', ...node('node-hot.js', '10')]);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'node', state: 'done' } });
    expect(session.sampleCount).toBeGreaterThanOrEqual(8);
    expect(topFunctions()[0]).toBe('hotFunction');
  });

  it('launched through a shell that execs node', () => {
    const command = `exec "${process.execPath}" "${targetPath('node-hot.js')}" 10`;
    const session = record(['--profile', 'node', '--duration', '2', '--', 'sh', '-c', command]);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'node', state: 'done' } });
    expect(topFunctions()[0]).toBe('hotFunction');
  });

  it('launched, forking children: the parent is profiled, the children are counted with --children', () => {
    const session = record([
      '--profile',
      'node',
      '--children',
      '--duration',
      '2.5',
      '--',
      ...node('node-forking.js', '10'),
    ]);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'node', state: 'done' } });
    expect(topFunctions()[0]).toBe('hotFunction');
    const shown = JSON.parse(harness.run('show', ['1', '--json']).stdout) as {
      statistics: { metrics: { processCount?: { maximum: number } } };
    };
    expect(shown.statistics.metrics.processCount!.maximum).toBeGreaterThanOrEqual(2);
  });

  it('launched, exiting at once: ends target-exited with its exit code and says why there is no profile', () => {
    const session = record(['--profile', 'node', '--', ...node('early-exit.js')]);
    expect(session).toMatchObject({ endReason: 'target-exited', exitCode: 3 });
    expect(session.profiler?.state).not.toBe('running');
    if (session.profiler?.state !== 'done' || session.profiler.message !== null)
      expect(session.profiler?.message).toMatch(/\S/);
  });

  it('attached to a process started with --inspect: profiles it and leaves it running', async () => {
    const target = await running([process.execPath, '--inspect=127.0.0.1:0', targetPath('node-hot.js'), '20'], 600);
    const session = record(['--pid', String(target.pid), '--profile', 'node', '--duration', '2']);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'node', state: 'done' } });
    expect(topFunctions()[0]).toBe('hotFunction');
    expect(target.exitCode).toBeNull();
  });

  it('attached to a process that exits while recorded: ends target-exited, keeping its samples', async () => {
    const target = await running([process.execPath, '--inspect=127.0.0.1:0', targetPath('node-hot.js'), '1.5'], 400);
    const session = record(['--pid', String(target.pid), '--profile', 'node']);
    expect(session.endReason).toBe('target-exited');
    expect(session.sampleCount).toBeGreaterThanOrEqual(2);
    expect(session.profiler?.state).not.toBe('running');
  });
});

describe('path matrix: perf (native code)', () => {
  const hot = (seconds: string) => [native.binary, seconds];

  it('launched, plain', () => {
    const session = record(['--profile', 'perf', '--duration', '2', '--', ...hot('10')]);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'perf', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  });

  it('launched through a shell that execs the program', () => {
    const session = record(['--profile', 'perf', '--duration', '2', '--', 'sh', '-c', `exec "${native.binary}" 10`]);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'perf', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  });

  it('launched, the work in children the command forked before perf attached', () => {
    const command = `"${native.binary}" 1.5 & "${native.binary}" 1.5; wait`;
    const session = record(['--profile', 'perf', '--children', '--', 'sh', '-c', command]);
    expect(session).toMatchObject({ endReason: 'target-exited', profiler: { profiler: 'perf', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  });

  it('launched, exiting at once: ends target-exited and says why there is no profile', () => {
    const session = record(['--profile', 'perf', '--', 'sh', '-c', 'exit 4']);
    expect(session).toMatchObject({ endReason: 'target-exited', exitCode: 4 });
    expect(session.profiler?.state).not.toBe('running');
    expect(session.profiler?.message ?? '').toMatch(/\S/);
  });

  it('attached to a running program', async () => {
    const target = await running(hot('20'));
    const session = record(['--pid', String(target.pid), '--profile', 'perf', '--duration', '2']);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'perf', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  });

  it('attached to a shell that execs the program once perf runs', async () => {
    await attachThenGo('exec');
  });

  it('attached to a shell whose child does the work', async () => {
    const target = await running(['sh', '-c', `"${native.binary}" 20; true`]);
    const session = record(['--pid', String(target.pid), '--profile', 'perf', '--duration', '2']);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'perf', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  });

  it('attached to a shell that forks the program once perf runs', async () => {
    await attachThenGo('fork');
  });

  /**
   * Attaches to a shell waiting on a FIFO, then lets it exec or fork the program once perf follows it.
   * perf writes its file header once its events are open, then reads the target's memory maps from
   * /proc and enables the events; an exec in between would be seen with the shell's maps (all
   * "[unknown]") or fail perf's start, so the go comes a second after the header.
   */
  async function attachThenGo(how: 'exec' | 'fork'): Promise<void> {
    const fifo = join(harness.folder, 'go');
    execFileSync('mkfifo', [fifo]);
    const run = `${how === 'exec' ? 'exec ' : ''}"${native.binary}" 20`;
    const target = await running(['sh', '-c', `read go < "${fifo}"; ${run}; true`], 100);
    const recorder = harness.start('record', [
      '--pid',
      String(target.pid),
      '--profile',
      'perf',
      '--duration',
      '3',
      '--interval',
      '200',
      '--json',
    ]);
    expect(await eventually(() => perfHeaderWritten(target.pid!), 10_000)).toBe(true);
    await sleep(1_000);
    writeFileSync(fifo, 'go\n');
    const result = await recorder;
    expect(result.code, result.stderr).toBe(0);
    const { session } = JSON.parse(result.stdout) as { session: Recorded };
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'perf', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  }

  it('attached to a program that exits while recorded: ends target-exited with its profile', async () => {
    // perf may take a second to attach on a loaded machine: the program runs long enough for that.
    const target = await running(hot('3.5'));
    const session = record(['--pid', String(target.pid), '--profile', 'perf']);
    expect(session).toMatchObject({ endReason: 'target-exited', profiler: { profiler: 'perf', state: 'done' } });
    expect(session.sampleCount).toBeGreaterThanOrEqual(3);
    expect(topFunctions()[0]).toBe('hot_function');
  });
});

const python312 = join(homedir(), '.pyenv/versions/3.12.1/bin/python3');
const pythonReady = existsSync(python312) && spawnSync('py-spy', ['--version']).status === 0;

describe.runIf(pythonReady)('path matrix: py-spy (Python 3.12; skipped without py-spy or pyenv 3.12.1)', () => {
  it('launched, forking children: the parent is profiled, the children are counted with --children', () => {
    const session = record([
      '--profile',
      'python',
      '--children',
      '--duration',
      '2.5',
      '--',
      python312,
      targetPath('python-forking.py'),
      '10',
    ]);
    expect(session).toMatchObject({ endReason: 'duration-elapsed', profiler: { profiler: 'py-spy', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
    const shown = JSON.parse(harness.run('show', ['1', '--json']).stdout) as {
      statistics: { metrics: { processCount?: { maximum: number } } };
    };
    expect(shown.statistics.metrics.processCount!.maximum).toBeGreaterThanOrEqual(2);
  });

  it('attached to a program that exits while recorded: ends target-exited with its profile', async () => {
    const target = await running([python312, targetPath('python-hot.py'), '2.5']);
    const session = record(['--pid', String(target.pid), '--profile', 'python']);
    expect(session).toMatchObject({ endReason: 'target-exited', profiler: { profiler: 'py-spy', state: 'done' } });
    expect(topFunctions()[0]).toBe('hot_function');
  });

  it('launched, exiting at once: ends target-exited with its exit code and a reason for no profile', () => {
    const session = record(['--profile', 'python', '--', python312, '-c', 'raise SystemExit(5)']);
    expect(session).toMatchObject({ endReason: 'target-exited', exitCode: 5 });
    expect(session.profiler?.state).not.toBe('running');
    expect(session.profiler?.message ?? '').toMatch(/\S/);
  });
});
