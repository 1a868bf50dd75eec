// A blocked event loop (Node.js): the main thread goes idle between tasks (so it is a service or a
// timer-driven program, not a batch job), but some tasks run for a long time without yielding, and
// timers, I/O callbacks and requests wait behind them. The CPU profile samples wall time, so a run of
// samples with no idle sample is one task that held the thread.

import type { Diagnosis } from '../../../../src-shared/diagnosis/diagnosis';
import { formatDuration, formatPercent } from '../../../../src-shared/format/units';
import { evidence, ramp, type DiagnosisContext } from '../context';
import { busyStretches, topFunctions } from '../profile-facts';

/** A task longer than this blocks the loop noticeably (a frame at 10 fps, a slow request). */
const longTaskMs = 100;

export function detectEventLoopBlocked(context: DiagnosisContext): Diagnosis[] {
  const { input } = context;
  const profile = input.cpuProfile;
  if (input.runtime !== 'node' || !profile || !context.profileKinds) return [];
  const idleShare = context.profileWeight > 0 ? context.profileKinds.idle / context.profileWeight : 0;
  // A loop that never goes idle is a batch program: CPU-bound, not "blocked".
  if (idleShare < 0.05) return [];
  const long = busyStretches(profile, 0).filter((stretch) => stretch.durationMs >= longTaskMs);
  if (long.length === 0) return [];
  const blockedMs = long.reduce((sum, stretch) => sum + stretch.durationMs, 0);
  const share = profile.durationMs > 0 ? blockedMs / profile.durationMs : 0;
  const longest = long.reduce((best, stretch) => (stretch.durationMs > best.durationMs ? stretch : best));
  const shortest = long.reduce((best, stretch) => (stretch.durationMs < best.durationMs ? stretch : best));
  const score = Math.min(ramp(longest.durationMs, 60, 200), ramp(share, 0.03, 0.2));
  if (score <= 0) return [];
  const hot = topFunctions(profile, 1, longest.from, longest.to)[0] ?? null;
  const sizes =
    long.length === 1
      ? `1 task of ${formatDuration(longest.durationMs)}`
      : `${long.length} tasks of ${formatDuration(shortest.durationMs)}–${formatDuration(longest.durationMs)}`;
  return [
    {
      class: 'event-loop-blocked',
      title: `Event loop blocked: ${sizes} without yielding, ${formatPercent(share * 100)} of the time${hot ? `, mostly in ${hot.functionName}` : ''}`,
      detail:
        'Long synchronous tasks hold the main thread, so timers, I/O callbacks and requests wait behind them. Split the work into chunks that yield (setImmediate), move it to a worker thread, or make it cheaper.',
      confidence: score,
      evidence: [
        evidence('Longest task', longest.durationMs, 'milliseconds'),
        evidence(`Tasks over ${longTaskMs} ms`, long.length, 'count'),
        evidence('Time in those tasks', share * 100, 'percent'),
        evidence('Time the loop was idle', idleShare * 100, 'percent'),
      ],
      range: { from: long[0]!.from, to: long[long.length - 1]!.to },
      location: hot,
    },
  ];
}
