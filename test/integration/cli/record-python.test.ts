// Python profiling through the real `thermograph record` bin, the way a user runs it: launched
// (`record -- python3.X python-hot.py`) and attached (`record --pid`), on CPython 3.10–3.13 from
// pyenv. py-spy is preferred where it is installed; with py-spy hidden from PATH the fallbacks
// (austin for ≤ 3.10, the perf trampoline for launched ≥ 3.12) still profile, and 3.11 says why not.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import { isRunning, pythonHot, startProgram, type StartedProgram } from '../profilers/perf-targets';
import { cli, useCliDatabase } from './cli-harness';

const versions = ['3.10.13', '3.11.7', '3.12.1', '3.13.0'] as const;
const python = (version: string): string => join(homedir(), '.pyenv/versions', version, 'bin/python3');
const folderHas = (folder: string, name: string): boolean => existsSync(join(folder, name));
const path = process.env['PATH'] ?? '';
const pySpyInstalled = path.split(delimiter).some((folder) => folderHas(folder, 'py-spy'));
/** PATH without the folders that hold py-spy (pyenv's shims among them; interpreters are given by full path). */
const pathWithoutPySpy = path
  .split(delimiter)
  .filter((folder) => !folderHas(folder, 'py-spy'))
  .join(delimiter);
const austinInstalled = pathWithoutPySpy.split(delimiter).some((folder) => folderHas(folder, 'austin'));
const perfInstalled = pathWithoutPySpy.split(delimiter).some((folder) => folderHas(folder, 'perf'));

/** What a test needs and does not have here, for its title (vitest prints no reason for a skip); '' when all is there. */
function missing(needs: Record<string, boolean>): string {
  const absent = Object.entries(needs)
    .filter(([, present]) => !present)
    .map(([what]) => what);
  return absent.length === 0 ? '' : ` — skipped: no ${absent.join(', no ')} here`;
}
const pySpyNeed = { 'py-spy on PATH (pip install py-spy)': pySpyInstalled };
const pythonNeed = (version: string) => ({ [`~/.pyenv/versions/${version}`]: existsSync(python(version)) });

const harness = useCliDatabase(90_000);
let program: StartedProgram | null = null;
afterEach(async () => {
  await program?.stop();
  program = null;
});

interface RecordedSession {
  id: number;
  endReason: string;
  profiler: { profiler: string; state: string; message: string | null; fix: string | null } | null;
  profiles: { tool: string; sampleCount: number; achievedRateHz: number | null }[];
}

/** Runs `thermograph record --json ARGS` (optionally with another PATH) and returns the session. */
function record(args: string[], environment: NodeJS.ProcessEnv = process.env): RecordedSession {
  const result = spawnSync(process.execPath, [cli, 'record', '--db', harness.database, '--json', ...args], {
    encoding: 'utf8',
    timeout: 90_000,
    env: environment,
  });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: RecordedSession }).session;
}

/** The Python function with the most self time, with its line, from `thermograph hotspots --json`. */
function topPythonFunction(sessionId: number): { name: string; line: number | null } {
  const result = harness.run('hotspots', [String(sessionId), '--top', '50', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const { hotspots } = JSON.parse(result.stdout) as {
    hotspots: {
      rows: { frame: number; self: number }[];
      frames: { name: string; kind: string; line: number | null }[];
    };
  };
  const python = hotspots.rows
    .map((row) => ({ ...row, frame: hotspots.frames[row.frame]! }))
    .filter((row) => row.frame.kind === 'python')
    .sort((left, right) => right.self - left.self);
  expect(python.length, 'no Python frames in the profile').toBeGreaterThan(0);
  return { name: python[0]!.frame.name, line: python[0]!.frame.line };
}

/** Every running py-spy: its pid, the pid it samples and its output file. */
function pySpies(): { pid: number; target: number; output: string }[] {
  const found: { pid: number; target: number; output: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0');
      if (!argv[0]!.endsWith('py-spy') || !argv.includes('--pid')) continue;
      const target = Number(argv[argv.indexOf('--pid') + 1]);
      found.push({ pid: Number(entry), target, output: argv[argv.indexOf('--output') + 1] ?? '' });
    } catch {
      // exited while listed
    }
  }
  return found;
}

/** The py-spy processes sampling `pid` (none should outlive a recording). */
const pySpiesOn = (pid: number): number[] =>
  pySpies()
    .filter((spy) => spy.target === pid)
    .map((spy) => spy.pid);

/** Polls until `found` returns a value, for at most 10 s. */
async function eventually<T>(found: () => T | undefined): Promise<T | undefined> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = found();
    if (value !== undefined) return value;
    await new Promise((wait) => setTimeout(wait, 50));
  }
  return undefined;
}

// hot_function starts on line 9 of python-hot.py; py-spy runs with --function, so a frame's line
// is the function's first line.
const hotFunction = { name: 'hot_function', line: 9 };

const pySpyMissing = missing(pySpyNeed);
describe.skipIf(pySpyMissing !== '')(`record Python with py-spy${pySpyMissing}`, () => {
  for (const version of versions) {
    const absent = missing(pythonNeed(version));
    describe.skipIf(absent !== '')(`CPython ${version}${absent}`, () => {
      it('profiles a launched interpreter (auto): hot_function on top, with its line', () => {
        const session = record(['--', python(version), pythonHot, '2']);
        expect(session.profiler).toMatchObject({ profiler: 'py-spy', state: 'done', message: null });
        expect(session.endReason).toBe('target-exited');
        expect(session.profiles[0]).toMatchObject({ tool: 'py-spy' });
        expect(topPythonFunction(session.id)).toEqual(hotFunction);
      });

      it('profiles a running interpreter with --pid, without restarting or stopping it', async () => {
        program = await startProgram([python(version), pythonHot, '60']);
        const session = record(['--profile', 'python', '--pid', String(program.pid), '--duration', '2']);
        expect(session.profiler).toMatchObject({ profiler: 'py-spy', state: 'done', message: null });
        expect(session.endReason).toBe('duration-elapsed');
        expect(topPythonFunction(session.id)).toEqual(hotFunction);
        expect(isRunning(program.pid)).toBe(true);
        expect(pySpiesOn(program.pid)).toEqual([]);
      });
    });
  }

  const absent = missing(pythonNeed('3.12.1'));
  describe.skipIf(absent !== '')(`launch paths${absent}`, () => {
    it('attaches in time to see a program that runs for 0.3 s', () => {
      const session = record(['--', python('3.12.1'), pythonHot, '0.3']);
      expect(session.profiler).toMatchObject({ profiler: 'py-spy', state: 'done' });
      expect(topPythonFunction(session.id)).toEqual(hotFunction);
    });

    it('waits for a shell or env wrapper to exec Python, and profiles the Python', () => {
      const shell = record(['--', 'sh', '-c', `exec ${python('3.12.1')} ${pythonHot} 1`]);
      expect(shell.profiler).toMatchObject({ profiler: 'py-spy', state: 'done' });
      expect(topPythonFunction(shell.id)).toEqual(hotFunction);
      const env = record(['--', 'env', 'PYTHONDONTWRITEBYTECODE=1', python('3.12.1'), pythonHot, '1']);
      expect(env.profiler).toMatchObject({ profiler: 'py-spy', state: 'done' });
      expect(topPythonFunction(env.id)).toEqual(hotFunction);
    });

    it('stops py-spy when the user stops the recording, keeping the profile', async () => {
      const child = spawn(
        process.execPath,
        [cli, 'record', '--db', harness.database, '--json', '--', python('3.12.1'), pythonHot, '60'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
      // Stop once py-spy samples the target (launched by this recording: the only py-spy started since).
      const before = new Set(pySpies().map((spy) => spy.pid));
      const spy = await eventually(() => pySpies().find((candidate) => !before.has(candidate.pid)));
      expect(spy, 'py-spy never started').toBeDefined();
      const target = spy!.target;
      await new Promise((wait) => setTimeout(wait, 1_000));
      child.kill('SIGINT');
      expect(await new Promise((resolveExit) => child.once('exit', resolveExit))).toBe(0);
      const session = (JSON.parse(stdout) as { session: RecordedSession }).session;
      expect(session).toMatchObject({ endReason: 'user-stopped', profiler: { profiler: 'py-spy', state: 'done' } });
      expect(topPythonFunction(session.id)).toEqual(hotFunction);
      expect(pySpiesOn(target)).toEqual([]);
      expect(isRunning(target)).toBe(false);
    });

    it('leaves no py-spy sampling and no output folder after Thermograph is killed', async () => {
      program = await startProgram([python('3.12.1'), pythonHot, '60']);
      const child = spawn(process.execPath, [cli, 'record', '--db', harness.database, '--pid', String(program.pid)], {
        stdio: 'ignore',
      });
      const spy = await eventually(() => pySpies().find((candidate) => candidate.target === program!.pid));
      expect(spy, 'py-spy never started').toBeDefined();
      const { output } = spy!;
      expect(output.startsWith(tmpdir())).toBe(true);
      // py-spy is recorded in the journal once it samples; give the engine a moment to write it.
      await new Promise((wait) => setTimeout(wait, 500));
      child.kill('SIGKILL');
      await new Promise((resolveExit) => child.once('exit', resolveExit));
      // The guardian ends py-spy now; the journal's clean-up at the next start removes its folder.

      // An engine closes only once its start-up clean-up is done.
      await createEngine({ databasePath: harness.database, mode: 'cli' }).close();
      await eventually(() => (pySpiesOn(program!.pid).length === 0 ? true : undefined));
      expect(pySpiesOn(program.pid)).toEqual([]);
      expect(existsSync(join(output, '..'))).toBe(false);
      expect(isRunning(program.pid)).toBe(true);
    });
  });
});

describe('doctor', () => {
  const doctor = (environment: NodeJS.ProcessEnv) => {
    const result = spawnSync(process.execPath, [cli, 'doctor', '--json'], { encoding: 'utf8', env: environment });
    const checks = (
      JSON.parse(result.stdout) as { checks: { id: string; status: string; detail: string; fix: string | null }[] }
    ).checks;
    return new Map(checks.map((check) => [check.id, check]));
  };

  it.skipIf(pySpyMissing !== '')(
    `reports py-spy, its version, and that it profiles each Python found${pySpyMissing}`,
    () => {
      const checks = doctor(process.env);
      expect(checks.get('py-spy')).toMatchObject({
        status: 'ok',
        detail: expect.stringMatching(/^py-spy \d+\.\d+\.\d+ /),
      });
      if (existsSync(python('3.11.7')))
        expect(checks.get('python-profilers')!.detail).toContain('pyenv 3.11.7 (3.11.7): py-spy');
    },
  );

  it('says how to install py-spy when it is missing, and what each Python gets without it', () => {
    const checks = doctor({ ...process.env, PATH: pathWithoutPySpy });
    expect(checks.get('py-spy')).toMatchObject({ status: 'missing', fix: expect.stringMatching(/pip install py-spy/) });
    if (existsSync(python('3.11.7')))
      expect(checks.get('python-profilers')!.detail).toContain('pyenv 3.11.7 (3.11.7): none');
    if (existsSync(python('3.12.1')) && perfInstalled)
      expect(checks.get('python-profilers')!.detail).toContain('pyenv 3.12.1 (3.12.1): perf trampoline when launched');
  });
});

describe('record Python without py-spy (fallbacks)', () => {
  const withoutPySpy = { ...process.env, PATH: pathWithoutPySpy };

  const austinMissing = missing({ austin: austinInstalled, ...pythonNeed('3.10.13') });
  it.skipIf(austinMissing !== '')(`uses austin for a launched 3.10${austinMissing}`, () => {
    const session = record(['--', python('3.10.13'), pythonHot, '2'], withoutPySpy);
    expect(session.profiler).toMatchObject({ profiler: 'austin', state: 'done' });
    expect(topPythonFunction(session.id).name).toBe('hot_function');
  });

  const perfMissing = missing({ perf: perfInstalled, ...pythonNeed('3.12.1') });
  it.skipIf(perfMissing !== '')(
    `uses the perf trampoline for a launched 3.12 (it used to check "process 0" before the launch)${perfMissing}`,
    () => {
      const session = record(['--profile', 'python', '--', python('3.12.1'), pythonHot, '2'], withoutPySpy);
      expect(session.profiler).toMatchObject({ profiler: 'python-perf', state: 'done', message: null });
      expect(session.endReason).toBe('target-exited');
      expect(topPythonFunction(session.id).name).toBe('hot_function');
    },
  );

  it.skipIf(missing(pythonNeed('3.11.7')) !== '')(
    `says 3.11 needs py-spy, and how to install it${missing(pythonNeed('3.11.7'))}`,
    () => {
      const session = record(['--', python('3.11.7'), pythonHot, '1'], withoutPySpy);
      expect(session.profiler).toMatchObject({ profiler: 'py-spy', state: 'unavailable' });
      expect(session.profiler!.message).toMatch(/py-spy is not installed.*3\.11\.7 has no other profiler/);
      expect(session.profiler!.fix).toMatch(/pip install py-spy/);
    },
  );

  it.skipIf(missing(pythonNeed('3.12.1')) !== '')(
    `says how to attach to a running 3.12 started without perf support${missing(pythonNeed('3.12.1'))}`,
    async () => {
      program = await startProgram([python('3.12.1'), pythonHot, '60']);
      const session = record(['--pid', String(program.pid), '--duration', '1'], withoutPySpy);
      expect(session.profiler).toMatchObject({ profiler: 'python-perf', state: 'unavailable' });
      expect(session.profiler!.fix).toMatch(/pip install py-spy/);
    },
  );
});
