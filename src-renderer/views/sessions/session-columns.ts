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

/**
 * The heaviest self function of the session's CPU profile (or of its only profile), with a line for
 * its tooltip; null when there is none (no profile, or stored before Thermograph kept it).
 */
export function topFunctionOf(session: SessionSummary): { name: string; detail: string } | null {
  const profile = session.profiles.find((candidate) => candidate.kind === 'cpu') ?? session.profiles[0];
  const top = profile?.topFunction;
  if (!profile || !top) return null;
  const share = `${(top.selfShare * 100).toFixed(top.selfShare >= 0.1 ? 0 : 1)} %`;
  const what = profile.kind === 'cpu' ? 'of the CPU profile' : 'of the allocation profile';
  return { name: top.name, detail: `${top.name}${top.file ? ` (${top.file})` : ''}: ${share} self ${what}` };
}
