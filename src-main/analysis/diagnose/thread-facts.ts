// Facts about a session's per-thread readings: each thread's mean CPU, how often it was running, in
// disk wait or waiting on a futex (a lock, a condition variable, an idle pool thread), and its
// switch rates. The readings come once a second, so shares are of readings, not of time.

import type { ThreadReading, ThreadTimeline } from '../../../src-shared/diagnosis/threads';

/** One thread over the readings. */
export interface ThreadSummary {
  tid: number;
  pid: number;
  name: string;
  readings: number;
  /** Mean CPU over the readings that had a rate, 100 = one core. */
  cpuMean: number;
  /** Shares of the readings (0–1). */
  runningShare: number;
  diskWaitShare: number;
  /** Of the readings where it slept, the share spent on a futex. */
  futexShareOfSleep: number;
  voluntarySwitchRate: number;
  involuntarySwitchRate: number;
}

/** True when a reading shows a thread waiting on a futex (a lock or condition variable). */
export function onFutex(reading: ThreadReading): boolean {
  return reading.state !== 'running' && reading.waitChannel !== null && reading.waitChannel.startsWith('futex');
}

/** True when a reading shows a thread doing something: running, in disk wait, or blocked elsewhere than on a futex. */
export function isBusy(reading: ThreadReading): boolean {
  if (reading.state === 'running' || reading.state === 'disk-wait') return true;
  // A sleeping thread is busy only when it waits on something outside the process (a pipe, a socket, I/O).
  return reading.waitChannel !== null && !reading.waitChannel.startsWith('futex') && reading.waitChannel !== '0';
}

/** Summaries of every thread seen, within an optional range. */
export function summarizeThreads(timeline: ThreadTimeline, from = -Infinity, to = Infinity): ThreadSummary[] {
  const names = new Map(timeline.identities.map((identity) => [identity.tid, identity]));
  interface Tally {
    pid: number;
    readings: number;
    cpuSum: number;
    cpuCount: number;
    running: number;
    diskWait: number;
    slept: number;
    futex: number;
    voluntary: number;
    involuntary: number;
    rateCount: number;
  }
  const tallies = new Map<number, Tally>();
  for (const sample of timeline.samples) {
    if (sample.time < from || sample.time > to) continue;
    for (const reading of sample.threads) {
      let tally = tallies.get(reading.tid);
      if (!tally) {
        tally = {
          pid: reading.pid,
          readings: 0,
          cpuSum: 0,
          cpuCount: 0,
          running: 0,
          diskWait: 0,
          slept: 0,
          futex: 0,
          voluntary: 0,
          involuntary: 0,
          rateCount: 0,
        };
        tallies.set(reading.tid, tally);
      }
      tally.readings += 1;
      if (reading.cpu !== null) {
        tally.cpuSum += reading.cpu;
        tally.cpuCount += 1;
      }
      if (reading.state === 'running') tally.running += 1;
      else if (reading.state === 'disk-wait') tally.diskWait += 1;
      else {
        tally.slept += 1;
        if (onFutex(reading)) tally.futex += 1;
      }
      if (reading.voluntarySwitchRate !== null && reading.involuntarySwitchRate !== null) {
        tally.voluntary += reading.voluntarySwitchRate;
        tally.involuntary += reading.involuntarySwitchRate;
        tally.rateCount += 1;
      }
    }
  }
  return [...tallies].map(([tid, tally]) => ({
    tid,
    pid: tally.pid,
    name: names.get(tid)?.name ?? String(tid),
    readings: tally.readings,
    cpuMean: tally.cpuCount > 0 ? tally.cpuSum / tally.cpuCount : 0,
    runningShare: tally.running / tally.readings,
    diskWaitShare: tally.diskWait / tally.readings,
    futexShareOfSleep: tally.slept > 0 ? tally.futex / tally.slept : 0,
    voluntarySwitchRate: tally.rateCount > 0 ? tally.voluntary / tally.rateCount : 0,
    involuntarySwitchRate: tally.rateCount > 0 ? tally.involuntary / tally.rateCount : 0,
  }));
}

/** The readings (moments) in a range. */
export function readingsIn(timeline: ThreadTimeline, from = -Infinity, to = Infinity) {
  return timeline.samples.filter((sample) => sample.time >= from && sample.time <= to);
}
