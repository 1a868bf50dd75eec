// Remembers the last used interval and children choice in localStorage, so the next recording starts
// with them, and the commands and folders launched before. Kept apart from recording-settings.ts, which is pure and tested under Node.

import { intervalLimits } from '../../../src-shared/api/limits';
import {
  intervalChoices,
  profilerOptions,
  samplingRateChoices,
  type RecordingSettingsDraft,
} from './recording-settings';
import { parseRecentLaunches, withRecent, type RecentLaunch } from './recent-launches';

const storageKey = 'thermograph.recording-settings';

/** The last used interval, children, profiler and alert choices (the duration and name are per recording). */
export function loadSettingsDraft(): RecordingSettingsDraft {
  const fallback: RecordingSettingsDraft = {
    intervalMs: intervalLimits.defaultMs,
    includeChildren: false,
    profiler: 'auto',
    samplingHz: null,
    durationText: '',
    name: '',
    alertRulesText: '',
    anomalyDetection: true,
  };
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Partial<RecordingSettingsDraft> | null;
    if (!saved) return fallback;
    const intervalMs = intervalChoices.some((choice) => choice.value === saved.intervalMs)
      ? saved.intervalMs!
      : fallback.intervalMs;
    const profiler = profilerOptions.some((option) => option.value === saved.profiler)
      ? saved.profiler!
      : fallback.profiler;
    const samplingHz = samplingRateChoices.some((choice) => choice.value === saved.samplingHz)
      ? (saved.samplingHz ?? null)
      : fallback.samplingHz;
    return {
      ...fallback,
      intervalMs,
      includeChildren: saved.includeChildren ?? fallback.includeChildren,
      profiler,
      samplingHz,
      alertRulesText: typeof saved.alertRulesText === 'string' ? saved.alertRulesText : fallback.alertRulesText,
      anomalyDetection: saved.anomalyDetection ?? fallback.anomalyDetection,
    };
  } catch {
    return fallback;
  }
}

/** Remembers the interval and children choice for next time. */
export function saveSettingsDraft(draft: RecordingSettingsDraft): void {
  try {
    localStorage.setItem(
      storageKey,
      JSON.stringify({
        intervalMs: draft.intervalMs,
        includeChildren: draft.includeChildren,
        profiler: draft.profiler,
        samplingHz: draft.samplingHz,
        alertRulesText: draft.alertRulesText,
        anomalyDetection: draft.anomalyDetection,
      }),
    );
  } catch {
    // Storage can be unavailable (private windows); remembering is a convenience only.
  }
}

const recentKey = 'thermograph.recent-launches';

/** The commands launched before with their folders, newest first. */
export function loadRecentLaunches(): RecentLaunch[] {
  try {
    return parseRecentLaunches(localStorage.getItem(recentKey));
  } catch {
    return [];
  }
}

/** Puts a launch first in the remembered list and returns the new list. */
export function saveRecentLaunch(recent: readonly RecentLaunch[], launch: RecentLaunch): RecentLaunch[] {
  const next = withRecent(recent, launch);
  try {
    localStorage.setItem(recentKey, JSON.stringify(next));
  } catch {
    // Storage can be unavailable (private windows); remembering is a convenience only.
  }
  return next;
}
