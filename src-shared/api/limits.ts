// Limits of API arguments that both the validation schemas and the UI need. Kept apart from
// params.ts so the renderer can import them without bundling zod.

/** Sampling interval bounds: 100 ms to 10 s, default 1 s. */
export const intervalLimits = { minimumMs: 100, maximumMs: 10_000, defaultMs: 1_000 } as const;
