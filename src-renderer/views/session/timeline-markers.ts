// Turns a session's markers into the timeline's vertical lines, adding the end of the recording
// from the session itself when the engine stored no marker for it.

import type { SessionMarker, SessionSummary } from '../../../src-shared/model/session';
import type { MarkerLine } from '../../charts/timeline/timeline-scene';

const labels: Partial<Record<SessionMarker['kind'], { label: string; tone: MarkerLine['tone'] }>> = {
  'target-exited': { label: 'Target exited', tone: 'exit' },
  'recording-stopped': { label: 'Recording stopped', tone: 'stop' },
  error: { label: 'Error', tone: 'error' },
};

/** The longest program name an exec marker's label shows. */
const execLabelLength = 28;

/** "exec sleep 30": the program the target switched to, from the marker's message (`…: COMMAND`). */
function execLabel(message: string): string {
  const separator = message.indexOf(': ');
  const command = separator < 0 ? '' : message.slice(separator + 2).replace(/\.$/, '');
  const short = command.length > execLabelLength ? `${command.slice(0, execLabelLength - 1)}…` : command;
  return short === '' ? 'exec' : `exec ${short}`;
}

/** Marker lines relative to the session's start; markers of other kinds are not drawn. */
export function markerLines(markers: readonly SessionMarker[], session: SessionSummary): MarkerLine[] {
  const lines: MarkerLine[] = [];
  for (const marker of markers) {
    const x = marker.time - session.startedAt;
    if (marker.kind === 'target-exec') lines.push({ x, label: execLabel(marker.message), tone: 'exec' });
    const look = labels[marker.kind];
    if (look) lines.push({ x, ...look });
  }
  if (
    !lines.some((line) => line.tone !== 'exec') &&
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
