// Per-thread readings of a target, sampled from /proc/PID/task/* (no process spawned): what the
// diagnoses of contention, pools and single-thread bottlenecks rest on, and what the thread panel shows.

import type { EpochMilliseconds } from '../units';

/** A thread's scheduler state as /proc says it: R running, S sleeping, D disk wait, other. */
export type ThreadState = 'running' | 'sleeping' | 'disk-wait' | 'other';

/** One thread at one reading. Rates are per second since the thread's previous reading (null at its first). */
export interface ThreadReading {
  tid: number;
  /** The process the thread belongs to (the target, or a child when children are included). */
  pid: number;
  state: ThreadState;
  /** CPU of this thread, 100 = one core. */
  cpu: number | null;
  voluntarySwitchRate: number | null;
  involuntarySwitchRate: number | null;
  /**
   * Where a sleeping thread waits in the kernel (/proc/PID/task/TID/wchan, e.g. "futex_do_wait" for a
   * lock or an idle pool thread, "pipe_read", "do_epoll_wait"); null for a running thread or when unreadable.
   */
  waitChannel: string | null;
}

/** Every thread of the target at one moment. */
export interface ThreadSample {
  time: EpochMilliseconds;
  threads: ThreadReading[];
}

/** A thread's name (comm), which can change; the last one seen is kept. */
export interface ThreadIdentity {
  tid: number;
  pid: number;
  name: string;
}

/** A session's thread data for a range. */
export interface ThreadTimeline {
  sessionId: number;
  identities: ThreadIdentity[];
  samples: ThreadSample[];
}
