// What the sessions list shows in its figure columns. Pure, so it is unit-tested under Node.

import type { SessionSummary } from '../../../src-shared/model/session';
import { formatBytes, formatPercent } from '../../../src-shared/format/units';

/**
 * The samples a session holds: its timeline's, or for an imported profile (which has no timeline)
 * its profiles', so an import does not read as empty.
 */
export function listedSampleCount(session: SessionSummary): number {
  if (session.target.kind !== 'file') return session.sampleCount;
  return session.profiles.reduce((sum, profile) => sum + profile.sampleCount, 0);
}

/** The run's mean CPU (percent of one core); a dash while recording or when it was not measured. */
export function cpuMeanText(session: SessionSummary): string {
  return formatPercent(session.runMetrics?.['cpu.mean']);
}

/** The run's peak resident memory; a dash while recording or when it was not measured. */
export function peakRssText(session: SessionSummary): string {
  return formatBytes(session.runMetrics?.['rss.peak']);
}
