// Starting V8's CPU profiler so that it names inlined functions, and restarting it for the next
// chunk without losing them. V8 names a function it inlined only in code whose creation its
// profiler logged with the inlining: code compiled while a profiler runs. When the last profile of
// a thread stops, V8 stops logging code; a new start logs the code that exists again, without the
// inlining, so the time of every inlined call shows as its caller's. Measured with Node 24 on
// node-hot.js: each chunk after a plain stop and start put all of hotFunction's and coldFunction's
// time on their caller `slice`, until V8 happened to recompile it.
// - At the first start, the code compiled before profiling is thrown away (deoptimizeForProfiling).
// - At each restart, a second profile (the inspector console's, which `console.profile` uses)
//   stays open across the stop and the start, so V8 never stops logging and keeps what it knows.
//   Should that console be out of reach (no `require` in the inspector's command line, a replaced
//   inspector module; not seen with Node 24, `--permission` included), the code is thrown
//   away again instead, at the cost of a re-warm-up of the JIT.
// Commands go in one batch, not one per round trip: the target handles a session's messages in
// order, and a round trip took most of a second on a loaded machine.

import type { CdpProfile } from '../../import/cpuprofile';
import type { CdpChannel } from './cdp-client';

/**
 * Throws away the thread's optimized code: entering precise coverage deoptimizes everything (V8
 * needs unoptimized code to count calls); leaving it at once restores the normal mode. Code the
 * JIT compiles afterwards, while the profiler runs, keeps its inlined frames. Never rejects: an
 * inspector without coverage still profiles, with inlined frames shown as their caller.
 */
export async function deoptimizeForProfiling(channel: CdpChannel): Promise<void> {
  const entered = channel.send('Profiler.startPreciseCoverage', { callCount: false, detailed: false });
  const left = channel.send('Profiler.stopPreciseCoverage');
  await Promise.all([entered, left]).catch(() => undefined);
}

/** Starts the CPU profiler, then discards the code compiled before it started; rejects if it cannot start. */
export async function startCpuProfiler(channel: CdpChannel): Promise<void> {
  const started = channel.send('Profiler.start');
  const deoptimized = deoptimizeForProfiling(channel);
  await started;
  await deoptimized;
}

// The console profile that bridges a restart. The inspector module's console is V8's own, which the
// program's code does not replace (its global `console` may be a logging library's).
const bridgeTitle = 'thermograph-chunk-bridge';
const consoleCall = (method: 'profile' | 'profileEnd'): string =>
  `(require => { try { require('inspector').console.${method}(${JSON.stringify(bridgeTitle)}); return true; } catch { return false; } })(require)`;

/**
 * Stops the CPU profiler and returns its chunk; unless `last`, starts it again for the next chunk
 * with nothing unprofiled in between and inlined functions still named (see the file comment).
 */
export async function collectCpuChunk(channel: CdpChannel, last: boolean): Promise<CdpProfile> {
  if (last) return (await channel.send<{ profile: CdpProfile }>('Profiler.stop')).profile;
  const evaluate = (expression: string) =>
    channel.send<{ result?: { value?: unknown } }>('Runtime.evaluate', {
      expression,
      includeCommandLineAPI: true,
      returnByValue: true,
      silent: true,
    });
  const [opened, { profile }] = await Promise.all([
    evaluate(consoleCall('profile')).catch(() => null),
    channel.send<{ profile: CdpProfile }>('Profiler.stop'),
    channel.send('Profiler.start'),
    evaluate(consoleCall('profileEnd')).catch(() => null),
  ]);
  if (opened?.result?.value !== true) await deoptimizeForProfiling(channel);
  return profile;
}
