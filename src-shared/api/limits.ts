// Limits of API arguments that both the validation schemas and the UI need. Kept apart from
// params.ts so the renderer can import them without bundling zod.

/** Sampling interval bounds: 100 ms to 10 s, default 1 s. */
export const intervalLimits = { minimumMs: 100, maximumMs: 10_000, defaultMs: 1_000 } as const;

/** Runs of a series: 1 – 1,000 measured runs, after 0 – 100 warm-up runs that are deleted. */
export const seriesLimits = { maximumRuns: 1_000, maximumWarmUps: 100 } as const;

/** Runs a side of an experiment: 5 to start with, growing up to 12 while the answer is unclear; 4 is the fewest that can reach p < 0.05. */
export const experimentLimits = { minimumRuns: 4, maximumRuns: 40, defaultRuns: 5, defaultMaximumRuns: 12 } as const;

/** A window of an experiment on a running process: 0.25 – 60 s, 2 s by default (long enough for scheduling to average out). */
export const windowLimits = { minimumMs: 250, maximumMs: 60_000, defaultMs: 2_000 } as const;
