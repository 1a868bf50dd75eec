// py-spy's speedscope output (`py-spy record --format speedscope`; format:
// https://github.com/jlfwong/speedscope/wiki/Importing-from-custom-sources, "sampled" profiles) read
// into one Profile. py-spy writes one profile per thread, named `Thread <id> "<name>"` (the id is the
// OS thread id, or a pthread id in hex where py-spy cannot map it), stacks root first, frames with
// the function's first line when run with --function.
//
// Why this format: it keeps every sample in order, per thread, with file and line. Its weights are
// not measurements (every sample weighs 1/requested rate) and it has no times; py-spy's other
// formats are no better for a CPU profile: `raw` is aggregated, and `chrometrace` has times only
// where a stack changes and charges a thread's idle gaps to the stack it had before.
// So weights come from what Thermograph measured: the sampling window W (from py-spy's "Sampling"
// line to its stop) over the number of sampling rounds. py-spy's timer takes `rate × W` rounds
// unless it falls behind, and a thread on CPU all the time is in every round, so the rounds are the
// larger of the two; when py-spy said it fell behind, the busiest thread's count. Each thread's
// samples are laid end to end from the window's start, one interval apart: exact for a thread that
// stays busy, compressed for one that idles (as with austin's CPU-time clock).

import { ThermographError } from '../../../src-shared/api/errors';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { IndexIntoFrameTable, Profile } from '../../../src-shared/profile/profile';
import type { EpochMilliseconds, Milliseconds } from '../../../src-shared/units';

/** What Thermograph measured around one py-spy run. */
export interface PySpyWindow {
  /** When py-spy began sampling (its "Sampling process" line). */
  startTime: EpochMilliseconds;
  /** From startTime to when sampling stopped. */
  durationMs: Milliseconds;
  /** The rate asked of py-spy. */
  requestedHz: number;
  /** True when py-spy printed that it fell behind its rate. */
  fellBehind: boolean;
}

/** One py-spy recording as a Profile, with the counts behind its weights. */
export interface PySpyResult {
  profile: Profile;
  /** Samples with at least one Python frame. */
  samples: number;
  /** The sampling rounds the weights assume, and so the interval: window / rounds. */
  rounds: number;
  intervalMs: Milliseconds;
}

interface SpeedscopeFrame {
  name?: unknown;
  file?: unknown;
  line?: unknown;
}

interface SpeedscopeProfile {
  name?: unknown;
  samples?: unknown;
}

function fail(what: string): never {
  throw new ThermographError(
    'profiler-unavailable',
    `py-spy's output could not be read: ${what}. Record again; if it persists, check \`py-spy --version\` (Thermograph reads py-spy 0.3–0.4).`,
  );
}

/** "Thread 7575 \"MainThread\"" → its name and OS thread id (null for a hex pthread id). Pure. */
export function pySpyThread(label: string): { name: string; tid: number | null } {
  const match = /^Thread (\S+) "(.*)"$/.exec(label);
  if (!match) return { name: label, tid: null };
  const [, id, name] = match as unknown as [string, string, string];
  const tid = /^\d+$/.test(id) ? Number(id) : null;
  return { name: name === '' ? `Thread ${id}` : `${name} (${id})`, tid };
}

/** Reads a py-spy speedscope file made during `window` into a Profile weighted as described above. */
export function readPySpySpeedscope(text: string, window: PySpyWindow, tool = 'py-spy'): PySpyResult {
  let file: { profiles?: unknown; shared?: { frames?: unknown } };
  try {
    file = JSON.parse(text) as typeof file;
  } catch (error) {
    fail(`it is not complete JSON (${(error as Error).message})`);
  }
  const frames = file.shared?.frames;
  const profiles = file.profiles;
  if (!Array.isArray(frames) || !Array.isArray(profiles)) fail('it has no "shared.frames" or "profiles" list');
  const threads = (profiles as SpeedscopeProfile[]).map((profile, index) => {
    if (!Array.isArray(profile.samples)) fail(`profile ${index} has no "samples" list`);
    return { label: String(profile.name ?? `Thread ${index}`), samples: profile.samples as unknown[] };
  });

  const busiest = Math.max(0, ...threads.map((thread) => thread.samples.length));
  const expected = Math.round((window.requestedHz * window.durationMs) / 1000);
  const rounds = window.fellBehind ? busiest : Math.max(busiest, expected);
  const intervalMs = rounds > 0 && window.durationMs > 0 ? window.durationMs / rounds : 1000 / window.requestedHz;

  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: window.startTime,
    source: { tool, requestedIntervalMs: 1000 / window.requestedHz },
  });
  const frameOf = new Map<number, IndexIntoFrameTable>();
  const frame = (index: unknown): IndexIntoFrameTable => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= frames.length)
      fail(`a sample names frame ${JSON.stringify(index)}, which does not exist`);
    let built = frameOf.get(index);
    if (built === undefined) {
      const input = frames[index] as SpeedscopeFrame;
      built = builder.frame({
        name: typeof input.name === 'string' ? input.name : '(unknown)',
        kind: 'python',
        file: typeof input.file === 'string' && input.file !== '' ? input.file : null,
        line: typeof input.line === 'number' ? input.line : null,
      });
      frameOf.set(index, built);
    }
    return built;
  };

  let samples = 0;
  const path: IndexIntoFrameTable[] = [];
  for (const thread of threads) {
    const { name, tid } = pySpyThread(thread.label);
    const threadIndex = builder.thread(name, tid);
    thread.samples.forEach((stack, position) => {
      if (!Array.isArray(stack)) fail(`a sample of ${thread.label} is not a list of frames`);
      if (stack.length === 0) return; // on CPU outside Python code (start-up, shutdown): nothing to charge
      path.length = 0;
      for (const index of stack) path.push(frame(index));
      builder.sample(builder.stackOf(path), position * intervalMs, intervalMs, threadIndex);
      samples++;
    });
  }
  return { profile: builder.build(window.durationMs), samples, rounds, intervalMs };
}
