// Units are type aliases so that signatures say what a number means (Firefox Profiler style).
// They are not branded: values cross JSON and SQLite boundaries where brands would only add casts.

/** Wall-clock time as milliseconds since the Unix epoch. */
export type EpochMilliseconds = number;
/** A duration in milliseconds. */
export type Milliseconds = number;
/** A duration in seconds. */
export type Seconds = number;
/** A size in bytes. */
export type Bytes = number;
/** A rate in bytes per second. */
export type BytesPerSecond = number;
/** A count per second (syscalls, context switches, page faults). */
export type PerSecond = number;
/** A percentage where 100 is one fully busy CPU core (so a process can exceed 100). */
export type CorePercent = number;
/** A percentage of a whole (0–100). */
export type Percent = number;
/** An operating-system process id. */
export type Pid = number;
/** A session's id in the store. */
export type SessionId = number;
