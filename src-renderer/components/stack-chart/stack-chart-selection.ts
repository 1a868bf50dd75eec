// What the stack chart asks the engine for, from what the profile panel holds: the time range (the
// brushed one, else the whole recording as the timeline shows it), one thread (merged threads would
// interleave on one time line), and whether the profile has a time order at all. Pure.

import type { SessionSummary } from '../../../src-shared/model/session';
import type { ProfileSummary, TimeRange } from '../../../src-shared/profile/views';

/** The shortest axis the timeline draws (timeline-controller.svelte.ts): a chart of it lines up. */
const minimumAxisMs = 1_000;

/** Importers whose samples carry no time of their own: their order in time is unknown. */
const timelessTools: Record<string, string> = {
  folded: 'Folded stacks list each stack once with a count, so when the samples were taken is unknown.',
  pprof: 'pprof files give samples no time stamp (only totals per stack), so the order in which they ran is unknown.',
};

/**
 * Why a profile cannot be drawn in time order, or null when it can. The message says what to use
 * instead, as an empty state should.
 */
export function timeOrderProblem(summary: ProfileSummary | null): string | null {
  if (!summary) return null;
  if (summary.kind === 'allocation') {
    return (
      'The stack chart shows CPU samples in time order. Sampled allocations carry no time of their own ' +
      '(the V8 heap profiler hands them over in batches; pprof has no times), so a run between two ' +
      'would mean nothing. The flame graph and bottom-up views show which calls allocated; the timeline ' +
      'shows the heap over time.'
    );
  }
  const why =
    timelessTools[summary.tool] ??
    (summary.sampleCount > 1 && !(summary.durationMs > 0)
      ? 'Its samples all carry the same time, so their order in time is unknown.'
      : null);
  return why ? `${why} The flame graph, call tree and bottom-up views show where the time went.` : null;
}

/**
 * The range the chart covers: the timeline's brushed range, else the whole recording from its start
 * (as the timeline's axis runs), else (an imported file, which has no timeline) the profile's own.
 */
export function chartRange(brushed: TimeRange | null, session: SessionSummary): TimeRange | null {
  if (brushed) return brushed;
  if (session.target.kind === 'file') return null;
  const profileEnd = Math.max(0, ...session.profiles.map((profile) => profile.startTime + profile.durationMs));
  const end = Math.max(session.endedAt ?? 0, profileEnd, session.startedAt + minimumAxisMs);
  return { start: session.startedAt, end };
}

/**
 * The thread to draw: the one picked, else the only one, else the busiest, with a note saying
 * which was chosen (a stack chart of merged threads would mix their calls on one line).
 */
export function chartThread(
  summary: ProfileSummary | null,
  picked: number | null,
): { thread: number | null; note: string | null } {
  if (picked !== null || !summary || summary.threads.length <= 1) return { thread: picked, note: null };
  let busiest = 0;
  summary.threads.forEach((thread, index) => {
    if (thread.sampleCount > summary.threads[busiest]!.sampleCount) busiest = index;
  });
  const name = summary.threads[busiest]!.name;
  return {
    thread: busiest,
    note: `Showing ${name}, the busiest of ${summary.threads.length} threads: pick another in the thread menu.`,
  };
}
