// Turns a session's markers into the timeline's vertical lines, adding the end of the recording
// from the session itself when the engine stored no marker for it.

import type { SessionMarker, SessionSummary } from '../../../src-shared/model/session';
import type { MarkerLine } from '../../charts/timeline-option';

const labels: Partial<Record<SessionMarker['kind'], { label: string; tone: MarkerLine['tone'] }>> = {
  'target-exited': { label: 'Target exited', tone: 'exit' },
  'recording-stopped': { label: 'Recording stopped', tone: 'stop' },
  error: { label: 'Error', tone: 'error' },
};

/** Marker lines relative to the session's start; markers of other kinds are not drawn. */
export function markerLines(markers: readonly SessionMarker[], session: SessionSummary): MarkerLine[] {
  const lines: MarkerLine[] = [];
  for (const marker of markers) {
    const look = labels[marker.kind];
    if (look) lines.push({ x: marker.time - session.startedAt, ...look });
  }
  if (
    lines.length === 0 &&
    session.endedAt !== null &&
    session.endReason !== null &&
    session.endReason !== 'recovered-after-crash'
  ) {
    const look =
      session.endReason === 'target-exited'
        ? labels['target-exited']!
        : session.endReason === 'error'
          ? labels.error!
          : labels['recording-stopped']!;
    lines.push({ x: session.endedAt - session.startedAt, ...look });
  }
  return lines;
}
