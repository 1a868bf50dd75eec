// The V8 CPU profiles inside a Chrome trace (Trace Event Format:
// https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU), as DevTools'
// Performance panel and Chromium's tracing save it: `{"traceEvents": […]}` or a bare array of
// events. Each profiled thread has a `Profile` event (its start time) and `ProfileChunk` events
// whose nodes (with parent ids), samples and time deltas continue the previous chunk's, keyed by
// pid and id. Chrome ≤ 68 wrote one `CpuProfile` event holding a whole CDP profile instead.

import { ThermographError } from '../../src-shared/api/errors';
import type { CdpProfile, CdpProfileNode } from './cpuprofile';

/** One profile found in a trace, still unchecked, and the thread it sampled. */
export interface TraceProfile {
  profile: unknown;
  thread: { name: string; tid: number | null };
}

interface TraceEvent {
  name?: unknown;
  ph?: unknown;
  id?: unknown;
  pid?: unknown;
  tid?: unknown;
  ts?: unknown;
  args?: {
    name?: unknown;
    data?: {
      startTime?: unknown;
      endTime?: unknown;
      cpuProfile?: { nodes?: unknown; samples?: unknown; timeDeltas?: unknown };
      timeDeltas?: unknown;
    };
  };
}

/** True when a parsed JSON value is a trace: an array of events, or an object with traceEvents. */
export function traceEventsOf(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  const events = (json as { traceEvents?: unknown } | null)?.traceEvents;
  return Array.isArray(events) ? events : null;
}

/**
 * The CPU profiles in a trace's events. A series of chunks whose `Profile` event is missing (the
 * trace began after the profiler did) has no start time and is skipped, as DevTools and speedscope
 * skip it. Throws ThermographError('invalid-profile') when no profile with samples remains.
 */
export function profilesOfTrace(events: readonly unknown[], name: string): TraceProfile[] {
  const threadNames = new Map<string, string>();
  const series = new Map<string, { start: TraceEvent | null; chunks: TraceEvent[] }>();
  // Thread names are metadata events, which may come anywhere: threads are named after the loop.
  const found: { profile: unknown; event: TraceEvent }[] = [];
  for (const item of events) {
    if (typeof item !== 'object' || item === null) continue;
    const event = item as TraceEvent;
    if (event.name === 'thread_name' && event.ph === 'M' && typeof event.args?.name === 'string') {
      threadNames.set(threadKey(event), event.args.name);
    } else if (event.name === 'CpuProfile') {
      const data = event.args?.data;
      const profile = { timeDeltas: data?.timeDeltas, ...data?.cpuProfile };
      found.push({ profile, event });
    } else if (event.name === 'Profile' || event.name === 'ProfileChunk') {
      const key = `${String(event.pid)}:${String(event.id)}`;
      let entry = series.get(key);
      if (!entry) series.set(key, (entry = { start: null, chunks: [] }));
      if (event.name === 'Profile') entry.start ??= event;
      else entry.chunks.push(event);
    }
  }
  let unstarted = 0;
  for (const { start, chunks } of series.values()) {
    if (start === null) unstarted += chunks.length;
    else found.push({ profile: joinedChunks(start, chunks), event: start });
  }
  const sampled = found.filter((entry) => sampleCount(entry.profile) > 0);
  if (sampled.length > 0) {
    return sampled.map(({ profile, event }) => ({ profile, thread: threadOf(event, threadNames) }));
  }
  if (unstarted > 0) {
    throw new ThermographError(
      'invalid-profile',
      `${name} has ${unstarted} V8 CPU profile chunks but no "Profile" event that starts them, so their samples ` +
        'cannot be placed in time (the trace probably began after the profiler). Record the trace again from its start.',
    );
  }
  throw new ThermographError(
    'invalid-profile',
    `${name} is a trace without V8 CPU profile samples (no ProfileChunk or CpuProfile events). Record it with the ` +
      '"JavaScript samples" option (category disabled-by-default-v8.cpu_profiler), or export a .cpuprofile instead.',
  );
}

// A thread's name from the trace's thread_name metadata, and its tid.
function threadOf(event: TraceEvent, names: ReadonlyMap<string, string>): TraceProfile['thread'] {
  const tid = typeof event.tid === 'number' ? event.tid : null;
  return { name: names.get(threadKey(event)) ?? `pid ${String(event.pid)} tid ${String(event.tid)}`, tid };
}

function threadKey(event: TraceEvent): string {
  return `${String(event.pid)}:${String(event.tid)}`;
}

// One CDP profile from a Profile event and its chunks, in time order (a file may have been
// re-sorted or concatenated; chunks of one series never overlap).
function joinedChunks(start: TraceEvent, chunks: TraceEvent[]): CdpProfile {
  const data = start.args?.data;
  const startTime = typeof data?.startTime === 'number' ? data.startTime : start.ts;
  const profile: CdpProfile = {
    nodes: [],
    samples: [],
    timeDeltas: [],
    startTime: typeof startTime === 'number' ? startTime : Number.NaN,
  };
  const ordered = chunks.every((chunk) => typeof chunk.ts === 'number')
    ? [...chunks].sort((left, right) => (left.ts as number) - (right.ts as number))
    : chunks;
  for (const chunk of ordered) {
    const chunkData = chunk.args?.data;
    const { nodes, samples } = chunkData?.cpuProfile ?? {};
    if (Array.isArray(nodes)) for (const node of nodes) profile.nodes.push(node as CdpProfileNode);
    if (Array.isArray(samples)) for (const sample of samples) profile.samples.push(sample as number);
    if (Array.isArray(chunkData?.timeDeltas)) for (const delta of chunkData.timeDeltas) profile.timeDeltas.push(delta);
    if (typeof chunkData?.endTime === 'number') profile.endTime = chunkData.endTime;
  }
  return profile;
}

function sampleCount(profile: unknown): number {
  const samples = (profile as { samples?: unknown } | null)?.samples;
  return Array.isArray(samples) ? samples.length : 0;
}
