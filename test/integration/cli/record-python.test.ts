// Python profiling through the real `thermograph record` bin, the way a user runs it: launched
// (`record -- python3.X python-hot.py`) and attached (`record --pid`), on CPython 3.10–3.13 from
// pyenv. py-spy is preferred where it is installed; with py-spy hidden from PATH the fallbacks
// (austin for ≤ 3.10, the perf trampoline for launched ≥ 3.12) still profile, and 3.11 says why not.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src-main/api/engine';
import { isRunning, pythonHot, startProgram, type StartedProgram } from '../profilers/perf-targets';
import { cli, useCliDatabase } from './cli-harness';
import {
  austinInstalled,
  hotFunction,
  missing,
  pathWithoutPySpy,
  perfInstalled,
  pySpyNeed,
  python,
  pythonNeed,
  recordPython,
  topPythonFunction as topPython,
  versions,
  type RecordedSession,
} from './python-recording';

const harness = useCliDatabase(90_000);
let program: StartedProgram | null = null;
afterEach(async () => {
  await program?.stop();
  program = null;
});

/** `thermograph record --json ARGS` in this file's database. */
const record = (args: string[], environment?: NodeJS.ProcessEnv): RecordedSession =>
  recordPython(harness, args, environment);
const topPythonFunction = (sessionId: number) => topPython(harness, sessionId);

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

      // Attaching reads the interpreter's memory the same way on every version py-spy supports: the
      // oldest and the newest are attached to, every version is launched (CI time).
      const attached = version === versions[0] || version === versions.at(-1);
      it.runIf(attached)('profiles a running interpreter with --pid, without restarting or stopping it', async () => {
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
      // 3 s rather than 2: once, beside the rest of the parallel suite (2026-12-04), a 2 s run's profile
      // had samples but no Python frame. Not reproduced since (perf starts in 0.1–0.2 s here even with
      // both cores busy) and its cause is not found; a longer run gives the trampoline more samples.
      const session = record(['--profile', 'python', '--', python('3.12.1'), pythonHot, '3'], withoutPySpy);
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
