// How Thermograph's own cost while recording is said, in the CLI and the UI alike.

import type { RecordingOverhead } from '../model/session';
import { formatBytes, formatDuration } from './units';

/** "0.4 % of a core (1.2 s of CPU, 0.3 s of it the reading pump); peak memory 58 MiB". */
export function describeOverhead(overhead: RecordingOverhead): string {
  const cpuMs = overhead.processCpuMs + overhead.pumpCpuMs;
  const percent = overhead.cpuPercent < 0.1 ? '< 0.1' : overhead.cpuPercent.toFixed(1);
  const pump = overhead.pumpCpuMs > 0 ? `, ${formatDuration(overhead.pumpCpuMs)} of it the reading pump` : '';
  const shared = overhead.shared ? ' (the process also did other work meanwhile: its whole cost is counted)' : '';
  return `${percent} % of a core (${formatDuration(cpuMs)} of CPU${pump}); peak memory ${formatBytes(overhead.peakRssBytes)}${shared}`;
}
