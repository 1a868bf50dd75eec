// What one window of an experiment on a running process measures: a reading of the process at its
// start and at its end, and the outcome between them (lower being better, as verdict.ts needs).

/** How a window is measured. */
export interface WindowMeasure<Reading> {
  /** The outcome's name, as the experiment stores and every surface shows it. */
  outcome: string;
  /** A reading of the process; null once it has exited. */
  read(pid: number): Reading | null;
  /** The window's outcome, or why it has none (a sentence saying what to do). */
  value(before: Reading, after: Reading, elapsedMs: number): { value: number } | { none: string };
}
