// `thermograph doctor`: what this machine can profile and what to fix. Every check runs in
// parallel with a short timeout and turns its own failure into a "missing" row, so the doctor is
// fast (well under a second: a few `--version` runs and one `perf stat`) and never throws.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { readingPumpExecutable } from '../app-root';
import type { CapabilityCheck, MachineCapabilities } from '../../src-shared/profile/capabilities';
import {
  capability,
  describeParanoid,
  hardwareEventsWork,
  hasCapability,
  installPerf,
  perfPrivileged,
  readPerfEventParanoid,
  readPerfVersion,
} from './perf/perf-access';
import {
  austinReads,
  describeSupported,
  installAustin,
  ptraceProblem,
  readAustinVersion,
  readPtraceScope,
} from './python/austin-access';
import { atLeast, parsePythonVersion, type PythonVersion } from './python/interpreter-version';
import { describePySpySupport, installPySpy, pySpyReads, readPySpy } from './python/py-spy-access';

const timeoutMs = 800;

/** A Python interpreter the doctor found. */
interface FoundInterpreter {
  where: string;
  version: PythonVersion;
}

async function perfCheck(): Promise<CapabilityCheck> {
  const version = await readPerfVersion();
  if (version === null)
    return {
      id: 'perf',
      title: 'perf (native CPU profiles)',
      status: 'missing',
      detail: installPerf.message,
      fix: installPerf.fix,
    };
  const hardware = await hardwareEventsWork();
  return {
    id: 'perf',
    title: 'perf (native CPU profiles)',
    status: 'ok',
    detail: `perf ${version}, ${hardware ? 'hardware counters available' : 'cpu-clock only (no hardware counters; software sampling works)'}`,
    fix: null,
  };
}

function paranoidCheck(): CapabilityCheck {
  const title = 'kernel.perf_event_paranoid';
  const value = readPerfEventParanoid();
  if (value === null) {
    return {
      id: 'perf-event-paranoid',
      title,
      status: 'missing',
      detail: 'This kernel has no perf events.',
      fix: 'Use a kernel built with CONFIG_PERF_EVENTS.',
    };
  }
  const privileged = perfPrivileged();
  const who = process.getuid?.() === 0 ? 'root' : privileged ? 'CAP_PERFMON' : 'an unprivileged user';
  const detail = `${value}: ${describeParanoid(value)}; Thermograph runs as ${who}`;
  if (privileged || value <= 1)
    return {
      id: 'perf-event-paranoid',
      title,
      status: 'ok',
      detail: privileged ? `${detail}, so no limit applies` : detail,
      fix: null,
    };
  const fix = 'Run: sudo sysctl kernel.perf_event_paranoid=1 (persist it in /etc/sysctl.d/).';
  return { id: 'perf-event-paranoid', title, status: value === 2 ? 'limited' : 'missing', detail, fix };
}

function ptraceCheck(): CapabilityCheck {
  const scope = readPtraceScope();
  const privileged = hasCapability(capability.sysPtrace);
  const problem = ptraceProblem(scope);
  const detail = `${scope === null ? 'no Yama ptrace restriction' : `kernel.yama.ptrace_scope = ${scope}`}; ${privileged ? 'CAP_SYS_PTRACE held' : 'no CAP_SYS_PTRACE'}`;
  const base = { id: 'ptrace', title: 'ptrace (py-spy and austin reading Python)' };
  if (problem === null) return { ...base, status: 'ok', detail, fix: null };
  return {
    ...base,
    status: scope === 3 ? 'missing' : 'limited',
    detail: `${detail}: ${problem.message.replace('austin cannot', 'py-spy and austin cannot')}`,
    fix: problem.fix,
  };
}

function versionOf(executable: string): Promise<PythonVersion | null> {
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { timeout: timeoutMs }, (error, stdout, stderr) => {
      resolve(error ? null : parsePythonVersion(`${stdout}\n${stderr}`));
    });
  });
}

/** python3 on PATH (run) and pyenv's interpreters (named by their folders, not run: that is slow). */
async function findInterpreters(): Promise<FoundInterpreter[]> {
  const found: FoundInterpreter[] = [];
  const onPath = await versionOf('python3');
  if (onPath) found.push({ where: 'python3', version: onPath });
  const root = process.env['PYENV_ROOT'] ?? path.join(homedir(), '.pyenv');
  try {
    for (const name of readdirSync(path.join(root, 'versions')).sort()) {
      const version = parsePythonVersion(`Python ${name}`);
      if (version && /^\d+\.\d+/.test(name)) found.push({ where: `pyenv ${name}`, version });
    }
  } catch {
    // no pyenv
  }
  return found;
}

function list(interpreters: FoundInterpreter[]): string {
  return interpreters.length
    ? interpreters.map((found) => `${found.where} (${found.version.text})`).join(', ')
    : 'none';
}

async function pySpyCheck(): Promise<CapabilityCheck> {
  const base = { id: 'py-spy', title: 'py-spy (Python profiles, launched or running)' };
  const pySpy = await readPySpy();
  if (pySpy === null) return { ...base, status: 'missing', detail: installPySpy.message, fix: installPySpy.fix };
  const detail = `py-spy ${pySpy.version} (${pySpy.command}) reads ${describePySpySupport(pySpy.version)}, attaching to running processes without a restart`;
  const ptrace = ptraceProblem(undefined, 'py-spy');
  if (ptrace) return { ...base, status: 'limited', detail: `${detail}; but ${ptrace.message}`, fix: ptrace.fix };
  return { ...base, status: 'ok', detail, fix: null };
}

async function austinCheck(interpreters: FoundInterpreter[]): Promise<CapabilityCheck> {
  const base = { id: 'austin', title: 'austin (Python ≤ 3.10 profiles where py-spy is missing)' };
  const version = await readAustinVersion();
  // A fallback: without it nothing is lost while py-spy is there.
  const missing = (await readPySpy()) === null ? 'missing' : 'limited';
  if (version === null) return { ...base, status: missing, detail: installAustin.message, fix: installAustin.fix };
  const readable = interpreters.filter((found) => austinReads(version, found.version));
  const detail = `austin ${version} reads ${describeSupported(version)}; interpreters found: ${list(interpreters)}; austin can read: ${list(readable)}`;
  if (readable.length > 0) return { ...base, status: 'ok', detail, fix: null };
  return {
    ...base,
    status: 'limited',
    detail,
    fix: `Install a Python austin reads (${describeSupported(version)}), e.g. pyenv install 3.10.`,
  };
}

/** Which profiler Thermograph will use for a Python version, launched and running, in the chooser's order. */
export function pythonProfilerPlan(
  version: PythonVersion,
  tools: { pySpy: string | null; austin: string | null; perf: boolean; ptraceAllowed: boolean },
): { launched: string | null; running: string | null } {
  if (tools.pySpy !== null && tools.ptraceAllowed && pySpyReads(tools.pySpy, version))
    return { launched: 'py-spy', running: 'py-spy' };
  if (tools.austin !== null && tools.ptraceAllowed && austinReads(tools.austin, version))
    return { launched: 'austin', running: 'austin' };
  if (tools.perf && atLeast(version, 3, 12)) return { launched: 'perf trampoline', running: null };
  return { launched: null, running: null };
}

async function pythonPlanCheck(interpreters: FoundInterpreter[], perf: CapabilityCheck): Promise<CapabilityCheck> {
  const base = { id: 'python-profilers', title: 'Python interpreters and their profiler' };
  const tools = {
    pySpy: (await readPySpy())?.version ?? null,
    austin: await readAustinVersion(),
    perf: perf.status !== 'missing',
    ptraceAllowed: ptraceProblem() === null,
  };
  if (interpreters.length === 0)
    return { ...base, status: 'limited', detail: 'No Python interpreter found (python3 on PATH, pyenv).', fix: null };
  const lines = interpreters.map(({ where, version }) => {
    const plan = pythonProfilerPlan(version, tools);
    const text =
      plan.launched === plan.running
        ? (plan.launched ?? 'none')
        : `${plan.launched} when launched; running: only if started with PYTHONPERFSUPPORT=1`;
    return { text: `${where} (${version.text}): ${text}`, complete: plan.running !== null };
  });
  const complete = lines.every((line) => line.complete);
  return {
    ...base,
    status: complete ? 'ok' : 'limited',
    detail: lines.map((line) => line.text).join('; '),
    fix: complete
      ? null
      : 'Install py-spy (pip install py-spy): it profiles every CPython 3.3–3.13, launched or running.',
  };
}

function pythonPerfCheck(interpreters: FoundInterpreter[], perf: CapabilityCheck): CapabilityCheck {
  const base = { id: 'python-perf', title: 'perf trampoline (launched Python ≥ 3.12 where py-spy is missing)' };
  const recent = interpreters.filter((found) => atLeast(found.version, 3, 12));
  if (perf.status === 'missing')
    return { ...base, status: 'missing', detail: 'Needs perf, which is missing.', fix: perf.fix };
  if (recent.length === 0) {
    return {
      ...base,
      // Nothing to profile with it is not something missing for profiling.
      status: 'limited',
      detail: `No Python ≥ 3.12 found (found: ${list(interpreters)}).`,
      fix: 'Install Python 3.12 or later, e.g. pyenv install 3.12.',
    };
  }
  return {
    ...base,
    status: 'ok',
    detail: `Python ≥ 3.12 found: ${list(recent)}; launched with PYTHONPERFSUPPORT=1 and recorded with perf --call-graph dwarf`,
    fix: null,
  };
}

function nodeCheck(): CapabilityCheck {
  return {
    id: 'node-inspector',
    title: 'Node.js inspector (JavaScript profiles)',
    status: 'ok',
    detail: `Node.js ${process.version}: the inspector needs no extra tools. Launched programs get --inspect=127.0.0.1:0; a running one is profiled through an inspector it has open (start it with --inspect=127.0.0.1:0), or with SIGUSR1 only when you allow it (--node-attach-signal)`,
    fix: null,
  };
}

/** The reading pump: 10 Hz recordings at a quarter of the CPU of a Node.js timer. */
function readingPumpCheck(): CapabilityCheck {
  const base = { id: 'reading-pump', title: 'reading pump (sampling faster than 1 Hz at low CPU)' };
  if (process.platform !== 'linux')
    return {
      ...base,
      status: 'limited',
      detail: 'Linux only: recordings here sample on a Node.js timer, at a higher CPU cost.',
      fix: 'Nothing to install on this platform; record at 1 s intervals where the overhead matters.',
    };
  const executable = readingPumpExecutable();
  if (executable !== null) return { ...base, status: 'ok', detail: `built at ${executable}`, fix: null };
  if (process.env.THERMOGRAPH_READING_PUMP === 'off')
    return {
      ...base,
      status: 'limited',
      detail: 'turned off by THERMOGRAPH_READING_PUMP=off: recordings sample on a Node.js timer.',
      fix: 'Unset THERMOGRAPH_READING_PUMP to use it.',
    };
  return {
    ...base,
    status: 'limited',
    detail:
      'not built (no C compiler when Thermograph was built): recordings faster than 1 Hz sample on a Node.js timer, at about twice the CPU.',
    fix: 'Install a C compiler (sudo apt install gcc) and run npm run build again.',
  };
}

// The electron package's index.js downloads the binary when it is missing (a network call that
// takes seconds), so the doctor never requires it: it resolves the package and reads path.txt,
// which names the binary inside dist/, the same lookup index.js does.
function electronCheck(): CapabilityCheck {
  const base = { id: 'electron', title: 'Electron runtime (desktop window)' };
  if (process.versions['electron'])
    return { ...base, status: 'ok', detail: `Running in Electron ${process.versions['electron']}`, fix: null };
  let folder: string;
  try {
    folder = path.dirname(createRequire(__filename).resolve('electron/package.json'));
  } catch {
    return {
      ...base,
      status: 'missing',
      detail: 'The electron package is not installed; the CLI and browser mode still work.',
      fix: 'Run: npm install, or use browser mode: thermograph serve.',
    };
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = path.join(folder, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = path.join(override ?? path.join(folder, 'dist'), relative);
  if (existsSync(binary)) return { ...base, status: 'ok', detail: `Electron binary at ${binary}`, fix: null };
  return {
    ...base,
    status: 'missing',
    detail: `The electron package is installed but its binary (${binary}) is absent; the CLI and browser mode still work.`,
    fix: 'Run: node node_modules/electron/install.js (needs internet access), or use browser mode: thermograph serve.',
  };
}

async function guarded(
  check: () => CapabilityCheck | Promise<CapabilityCheck>,
  id: string,
  title: string,
): Promise<CapabilityCheck> {
  try {
    return await check();
  } catch (error) {
    return {
      id,
      title,
      status: 'missing',
      detail: `The check failed: ${(error as Error).message}`,
      fix: 'Report this as a Thermograph bug.',
    };
  }
}

/** Checks what this machine can profile (perf, ptrace, py-spy, austin, Python, Node, the reading pump, Electron); fast, never throws. */
export async function diagnoseMachine(): Promise<MachineCapabilities> {
  // Start them now: they are cached, and the checks below await them.
  void readAustinVersion();
  void readPySpy();
  const [perf, interpreters] = await Promise.all([
    guarded(perfCheck, 'perf', 'perf (native CPU profiles)'),
    findInterpreters().catch(() => []),
  ]);
  const checks = await Promise.all([
    perf,
    guarded(paranoidCheck, 'perf-event-paranoid', 'kernel.perf_event_paranoid'),
    guarded(ptraceCheck, 'ptrace', 'ptrace (py-spy and austin reading Python)'),
    guarded(pySpyCheck, 'py-spy', 'py-spy (Python profiles, launched or running)'),
    guarded(() => austinCheck(interpreters), 'austin', 'austin (Python ≤ 3.10 profiles where py-spy is missing)'),
    guarded(
      () => pythonPerfCheck(interpreters, perf),
      'python-perf',
      'perf trampoline (launched Python ≥ 3.12 where py-spy is missing)',
    ),
    guarded(() => pythonPlanCheck(interpreters, perf), 'python-profilers', 'Python interpreters and their profiler'),
    guarded(nodeCheck, 'node-inspector', 'Node.js inspector (JavaScript profiles)'),
    guarded(readingPumpCheck, 'reading-pump', 'reading pump (sampling faster than 1 Hz at low CPU)'),
    guarded(electronCheck, 'electron', 'Electron runtime (desktop window)'),
  ]);
  return { checks };
}
