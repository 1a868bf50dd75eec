// The thread panel's rows from a thread timeline: one row per thread, busiest first, each with the
// cells it occupies on the time axis. A reading's rates describe the time since the previous
// reading, so its cell spans from the previous reading to its own (a first reading: one interval back).

import type { ThreadReading, ThreadTimeline } from '../../../src-shared/diagnosis/threads';

/** One reading of one thread, placed in time (ms from the session's start). */
export interface ThreadCell {
  from: number;
  to: number;
  reading: ThreadReading;
}

/** One thread's row. */
export interface ThreadRow {
  tid: number;
  pid: number;
  name: string;
  /** Mean CPU over its known readings, 100 = one core: what the rows are ordered by. */
  meanCpu: number;
  cells: ThreadCell[];
}

/** The rows of a timeline, busiest first (then by tid), times relative to `origin`. */
export function threadRows(timeline: ThreadTimeline, origin: number): ThreadRow[] {
  const names = new Map(timeline.identities.map((identity) => [identity.tid, identity.name]));
  const rows = new Map<number, ThreadRow & { cpuSum: number; cpuCount: number }>();
  const { samples } = timeline;
  const step = samples.length > 1 ? (samples.at(-1)!.time - samples[0]!.time) / (samples.length - 1) : 1000;
  samples.forEach((sample, index) => {
    const to = sample.time - origin;
    const from = index > 0 ? samples[index - 1]!.time - origin : to - step;
    for (const reading of sample.threads) {
      let row = rows.get(reading.tid);
      if (row === undefined) {
        row = {
          tid: reading.tid,
          pid: reading.pid,
          name: names.get(reading.tid) ?? '',
          meanCpu: 0,
          cells: [],
          cpuSum: 0,
          cpuCount: 0,
        };
        rows.set(reading.tid, row);
      }
      row.cells.push({ from, to, reading });
      if (reading.cpu !== null) {
        row.cpuSum += reading.cpu;
        row.cpuCount++;
      }
    }
  });
  return [...rows.values()]
    .map(({ cpuSum, cpuCount, ...row }) => ({ ...row, meanCpu: cpuCount === 0 ? 0 : cpuSum / cpuCount }))
    .sort((left, right) => right.meanCpu - left.meanCpu || left.tid - right.tid);
}

/** The readable name of a state. */
export const stateLabels: Record<ThreadReading['state'], string> = {
  running: 'running',
  sleeping: 'sleeping',
  'disk-wait': 'disk wait (D)',
  other: 'other',
};
