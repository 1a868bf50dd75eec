// The settings shared by both target kinds and their choices (pure; settings-storage.ts keeps them).

import { seriesLimits } from '../../../src-shared/api/limits';
import type { ProfilerChoice } from '../../../src-shared/profile/formats';
import type { Milliseconds } from '../../../src-shared/units';

/** The sampling intervals offered, within intervalLimits (src-shared/api/limits.ts). */
export const intervalChoices: { value: Milliseconds; label: string }[] = [
  { value: 100, label: '100 ms (10 Hz)' },
  { value: 250, label: '250 ms (4 Hz)' },
  { value: 500, label: '500 ms (2 Hz)' },
  { value: 1_000, label: '1 s' },
  { value: 2_000, label: '2 s' },
  { value: 5_000, label: '5 s' },
  { value: 10_000, label: '10 s' },
];

/** The profilers offered, with what each records. */
export const profilerOptions: { value: ProfilerChoice; label: string }[] = [
  { value: 'auto', label: 'Auto — by runtime' },
  { value: 'node', label: 'Node.js — V8 inspector (CPU + allocations)' },
  { value: 'perf', label: 'perf — native code' },
  { value: 'python', label: 'Python — py-spy, austin or perf' },
  { value: 'none', label: 'None — timeline only' },
];

/** The profiler sampling rates offered; null is the profiler's default. */
export const samplingRateChoices: { value: number | null; label: string }[] = [
  { value: null, label: 'Default (≈ 1 ms)' },
  { value: 100, label: '100 Hz (10 ms)' },
  { value: 250, label: '250 Hz (4 ms)' },
  { value: 500, label: '500 Hz (2 ms)' },
  { value: 2_000, label: '2000 Hz (0.5 ms)' },
  { value: 5_000, label: '5000 Hz (0.2 ms)' },
];

/** What the form holds; duration and name are text so an empty box means "none". */
export interface RecordingSettingsDraft {
  intervalMs: Milliseconds;
  includeChildren: boolean;
  profiler: ProfilerChoice;
  samplingHz: number | null;
  durationText: string;
  name: string;
  /** Alert rules as typed ("cpu>90%:10s, rss>1.5GB"); empty takes the target's saved defaults. */
  alertRulesText: string;
  anomalyDetection: boolean;
}

/** The duration in seconds, null for none, or a message when the text is not a positive number. */
export function parseDuration(text: string): { ok: true; seconds: number | null } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, seconds: null };
  const seconds = Number(trimmed);
  if (!Number.isFinite(seconds) || seconds <= 0)
    return { ok: false, message: 'Duration must be a positive number of seconds, or empty to record until stopped.' };
  if (seconds > 7 * 24 * 3600) return { ok: false, message: 'Duration can be at most 7 days (604800 s).' };
  return { ok: true, seconds };
}

/** A count of runs typed in the launch form, or a message when it is not a whole number in range. */
export type RunCountResult = { ok: true; count: number } | { ok: false; message: string };

/**
 * "Runs" (1 – 1,000, empty is 1) or "Warm-up runs" (0 – 100, empty is 0), within seriesLimits
 * (src-shared/api/limits.ts). More than one run, or any warm-up, makes the launch a series.
 */
export function parseRunCount(text: string, kind: 'runs' | 'warm-up'): RunCountResult {
  const minimum = kind === 'runs' ? 1 : 0;
  const maximum = kind === 'runs' ? seriesLimits.maximumRuns : seriesLimits.maximumWarmUps;
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, count: minimum };
  const count = Number(trimmed);
  if (/^\d+$/.test(trimmed) && count >= minimum && count <= maximum) return { ok: true, count };
  const what = kind === 'runs' ? 'Runs' : 'Warm-up runs';
  return { ok: false, message: `${what} must be a whole number from ${minimum} to ${maximum}.` };
}
