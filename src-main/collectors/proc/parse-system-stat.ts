// /proc/stat: kernel and system statistics, documented in proc_stat(5). The first line sums the
// time of all CPUs in clock ticks: user nice system idle iowait irq softirq steal guest guest_nice.
import { readKeyedNumber, readUnsignedAt } from './proc-text';

/** All CPUs' time in clock ticks, split into busy and total. */
export interface CpuTimes {
  busyTicks: number;
  totalTicks: number;
}

// guest and guest_nice are already counted inside user and nice, so only the first 8 are summed.
const summedColumns = 8;
const idleColumn = 3;
const ioWaitColumn = 4;

/** Parses the first "cpu" line of /proc/stat; null when it is missing or truncated. */
export function parseCpuTimes(text: string): CpuTimes | null {
  if (!text.startsWith('cpu ')) return null;
  let position = 4;
  let total = 0;
  let idle = 0;
  for (let column = 0; column < summedColumns; column++) {
    while (text.charCodeAt(position) === 32) position++;
    const value = readUnsignedAt(text, position);
    if (Number.isNaN(value)) return null;
    while (position < text.length && text.charCodeAt(position) !== 32 && text.charCodeAt(position) !== 10) position++;
    total += value;
    if (column === idleColumn || column === ioWaitColumn) idle += value;
  }
  return { busyTicks: total - idle, totalTicks: total };
}

/** The boot time in seconds since the epoch ("btime" line), or null. */
export function parseBootTime(text: string): number | null {
  return readKeyedNumber(text, 'btime ');
}

/** The number of CPUs online: the "cpuN" lines after the summed "cpu" line; null when there are none. */
export function parseCpuCount(text: string): number | null {
  let count = 0;
  // Each per-CPU line starts "cpu" and a digit at the start of a line; the summed line has a space.
  for (let position = text.indexOf('\ncpu'); position >= 0; position = text.indexOf('\ncpu', position + 4)) {
    const next = text.charCodeAt(position + 4);
    if (next >= 48 && next <= 57) count++;
  }
  return count > 0 ? count : null;
}
