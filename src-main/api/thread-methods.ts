// The per-thread half of the API: a session's thread readings for the thread panel, downsampled by
// time so that one call stays view-sized however long the session ran.

import type { ApiImplementation } from '../../src-shared/api/contract';
import type { ThreadReading, ThreadSample, ThreadState, ThreadTimeline } from '../../src-shared/diagnosis/threads';
import type { SessionSummary } from '../../src-shared/model/session';
import type { SessionId } from '../../src-shared/units';
import type { SessionStore } from '../store/session-store';

/** Readings one getThreads call returns at most (a one-hour session at 1 s has 3,600). */
export const maximumThreadSamples = 600;
/** Thread entries (readings × threads) one call returns at most: a target with many threads gets fewer readings. */
export const maximumThreadEntries = 120_000;

/** What the thread methods need from the engine. */
export interface ThreadMethodServices {
  store: SessionStore;
  /** The session, or a not-found error. */
  existing: (sessionId: SessionId) => SessionSummary;
  /** Writes what a live recording of the session still holds in memory. */
  flush: (sessionId: SessionId) => void;
}

/** getThreads. */
export function createThreadMethods(services: ThreadMethodServices): Pick<ApiImplementation, 'getThreads'> {
  return {
    getThreads: ({ sessionId, from, to }) => {
      services.existing(sessionId);
      services.flush(sessionId);
      const range = { from: from ?? Number.NEGATIVE_INFINITY, to: to ?? Number.POSITIVE_INFINITY };
      const timeline = services.store.readThreads(sessionId, range);
      const threads = timeline.identities.length;
      const budget = Math.max(
        1,
        Math.min(maximumThreadSamples, Math.floor(maximumThreadEntries / Math.max(1, threads))),
      );
      return downsampleThreads(timeline, budget);
    },
  };
}

/**
 * At most `maximum` readings: the range is cut into that many equal spans of time and the readings
 * of each span merge into one, stamped with the span's first reading's time. Per thread, CPU and
 * switch rates are the mean of the known values; the state is disk-wait when any reading in the span
 * was (a short disk wait must stay visible), else the most frequent one; the wait channel is the last
 * one known. A timeline within the budget is returned as it is.
 */
export function downsampleThreads(timeline: ThreadTimeline, maximum: number): ThreadTimeline {
  const { samples } = timeline;
  if (samples.length <= maximum) return timeline;
  const first = samples[0]!.time;
  const span = (samples.at(-1)!.time - first) / maximum;
  const merged: ThreadSample[] = [];
  let bucket: ThreadSample[] = [];
  let bucketIndex = 0;
  for (const sample of samples) {
    const index = span > 0 ? Math.min(maximum - 1, Math.floor((sample.time - first) / span)) : 0;
    if (index !== bucketIndex && bucket.length > 0) {
      merged.push(mergeSamples(bucket));
      bucket = [];
    }
    bucketIndex = index;
    bucket.push(sample);
  }
  if (bucket.length > 0) merged.push(mergeSamples(bucket));
  return { ...timeline, samples: merged };
}

/** One reading per thread from several readings of a span, in the order threads first appear. */
function mergeSamples(samples: readonly ThreadSample[]): ThreadSample {
  if (samples.length === 1) return samples[0]!;
  const byThread = new Map<number, ThreadReading[]>();
  for (const sample of samples)
    for (const thread of sample.threads) {
      const readings = byThread.get(thread.tid);
      if (readings === undefined) byThread.set(thread.tid, [thread]);
      else readings.push(thread);
    }
  const threads = [...byThread.values()].map(mergeReadings);
  return { time: samples[0]!.time, threads };
}

function mergeReadings(readings: readonly ThreadReading[]): ThreadReading {
  const last = readings.at(-1)!;
  return {
    tid: last.tid,
    pid: last.pid,
    state: mergedState(readings),
    cpu: mean(readings, 'cpu'),
    voluntarySwitchRate: mean(readings, 'voluntarySwitchRate'),
    involuntarySwitchRate: mean(readings, 'involuntarySwitchRate'),
    waitChannel: readings.findLast((reading) => reading.waitChannel !== null)?.waitChannel ?? null,
  };
}

function mergedState(readings: readonly ThreadReading[]): ThreadState {
  const counts = new Map<ThreadState, number>();
  for (const { state } of readings) {
    if (state === 'disk-wait') return state;
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  let best: ThreadState = 'other';
  let bestCount = 0;
  for (const [state, count] of counts)
    if (count > bestCount) {
      best = state;
      bestCount = count;
    }
  return best;
}

/** The mean of a rate over the readings that know it; null when none does. */
function mean(
  readings: readonly ThreadReading[],
  key: 'cpu' | 'voluntarySwitchRate' | 'involuntarySwitchRate',
): number | null {
  let sum = 0;
  let count = 0;
  for (const reading of readings) {
    const value = reading[key];
    if (value === null) continue;
    sum += value;
    count++;
  }
  return count === 0 ? null : sum / count;
}
