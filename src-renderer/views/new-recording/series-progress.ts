// A series as the New recording screen shows it: which run is recording, the runs kept so far with
// their wall times, and where the screen goes once the series is over. Pure, so the unit tests read
// it without a browser.

import { formatCountOf } from '../../../src-shared/format/units';
import type { SeriesProgress } from '../../../src-shared/model/series';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { Milliseconds, SessionId } from '../../../src-shared/units';
import type { Route } from '../../state/router-path';
import { isComparable } from '../compare/compare-rows';

/** "Warm-up run 1 of 2" or "Run 3 of 10". */
export function runLabel(progress: Pick<SeriesProgress, 'warmUp' | 'run' | 'of'>): string {
  return `${progress.warmUp ? 'Warm-up run' : 'Run'} ${progress.run} of ${progress.of}`;
}

/** How many of the series' runs are warm-ups (from the runs of the kind being recorded). */
export function warmUpCount(progress: Pick<SeriesProgress, 'warmUp' | 'of' | 'totalRuns'>): number {
  return progress.warmUp ? progress.of : progress.totalRuns - progress.of;
}

/** How far the series is, in words: measured runs done, and the warm-ups before them. */
export function progressText(progress: SeriesProgress): string {
  const warmUps = warmUpCount(progress);
  const measured = progress.totalRuns - warmUps;
  const warmUpsDone = Math.min(progress.completedRuns, warmUps);
  const runsDone = `${progress.completedRuns - warmUpsDone} of ${formatCountOf(measured, 'run')} done`;
  if (warmUps === 0) return runsDone;
  if (warmUpsDone < warmUps)
    return `Warming up: ${warmUpsDone} of ${formatCountOf(warmUps, 'warm-up run')} done (deleted once ended), then ${formatCountOf(measured, 'run')}`;
  return `${runsDone}, after ${formatCountOf(warmUps, 'warm-up run')} (deleted)`;
}

/**
 * True when `next` says more than `current` about the same series. A reply and the events around it
 * can arrive in either order (the first run's event may come before startSeries answers), and an
 * older one must not take the display back.
 */
export function isNewer(next: SeriesProgress, current: SeriesProgress | null): boolean {
  if (current === null || current.seriesId !== next.seriesId) return true;
  if (current.state !== 'recording') return false;
  return next.state !== 'recording' || next.completedRuns >= current.completedRuns;
}

/** One kept run of a series, as its row shows it. */
export interface SeriesRunRow {
  sessionId: SessionId;
  /** "Run 2". */
  label: string;
  /** The launched command's run time; null when it did not run to its exit (or is not known yet). */
  wallMs: Milliseconds | null;
  /** How the run ended ("exited with code 0"), when known. */
  ending: string | null;
}

/** The series' kept runs, oldest first, with what the session list knows of each. */
export function seriesRuns(progress: SeriesProgress, sessions: readonly SessionSummary[]): SeriesRunRow[] {
  return progress.sessionIds.map((sessionId, index) => {
    const session = sessions.find((candidate) => candidate.id === sessionId);
    return {
      sessionId,
      label: `Run ${index + 1}`,
      wallMs: session?.runMetrics?.wall ?? null,
      ending: session?.endMessage ?? null,
    };
  });
}

/** The median of the known wall times; null when none is known. */
export function medianWall(rows: readonly SeriesRunRow[]): Milliseconds | null {
  const values = rows.flatMap((row) => (row.wallMs === null ? [] : [row.wallMs])).sort((left, right) => left - right);
  if (values.length === 0) return null;
  const middle = Math.floor(values.length / 2);
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

/**
 * Where a finished series takes the user: the Compare view, baseline against this series, when a
 * baseline is marked (the question a series is recorded for is "did my change make it faster?").
 * Null otherwise, and for a series stopped or failed: the screen then shows the runs, and offers to
 * mark them as the baseline. A baseline holding sessions of the series' name would be compared with
 * itself, so it does not count.
 */
export function seriesLanding(progress: SeriesProgress, sessions: readonly SessionSummary[]): Route | null {
  if (progress.state !== 'finished') return null;
  const baseline = sessions.filter((session) => session.baseline && isComparable(session));
  if (baseline.length === 0 || baseline.some((session) => session.name === progress.seriesName)) return null;
  return { screen: 'compare', baseline: 'baseline', candidate: progress.seriesName };
}

/** True when the series can be compared with the marked baseline (see seriesLanding). */
export function canCompareWithBaseline(progress: SeriesProgress, sessions: readonly SessionSummary[]): boolean {
  return seriesLanding({ ...progress, state: 'finished' }, sessions) !== null && progress.sessionIds.length > 0;
}
