// Profile file formats and profiler choices, kept apart from the zod schemas so the renderer can
// list them without bundling zod.

/** The file formats Thermograph reads (detected by content, never by extension). */
export const importFormats = ['cpuprofile', 'folded', 'perf-script', 'speedscope', 'pprof', 'austin'] as const;
/** A file format Thermograph reads. */
export type ImportFormat = (typeof importFormats)[number];

/** The file formats Thermograph writes. `cpuprofile` only for profiles with JavaScript frames. */
export const exportFormats = ['speedscope', 'folded', 'pprof', 'cpuprofile'] as const;
/** A file format Thermograph writes. */
export type ExportFormat = (typeof exportFormats)[number];

/** What the user may ask for when recording: `auto` picks by the target's runtime. */
export const profilerChoices = ['auto', 'node', 'perf', 'python', 'none'] as const;
/** One profiler choice. */
export type ProfilerChoice = (typeof profilerChoices)[number];

/** Bounds of the requested sampling frequency. Node's default 1000 Hz is a 1 ms interval. */
export const samplingLimits = { minimumHz: 1, maximumHz: 20_000, defaultNodeHz: 1_000, defaultPerfHz: 999 } as const;
