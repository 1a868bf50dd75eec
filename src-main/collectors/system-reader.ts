// The machine-wide context recorded beside a target: CPU busy, memory used, load.
import type { Bytes, Percent } from '../../src-shared/units';
import { ProcFile } from './proc/proc-file';
import { parseCpuTimes, type CpuTimes } from './proc/parse-system-stat';
import { parseMemoryInfo } from './proc/parse-meminfo';
import { parseLoadAverage1m } from './proc/parse-loadavg';
import { systemCpuPercent } from './rates';

/** One reading of the system metrics. */
export interface SystemReading {
  systemCpu: Percent | null;
  systemMemoryUsed: Bytes | null;
  systemMemoryTotal: Bytes | null;
  loadAverage1m: number | null;
}

// The machine-wide numbers are context, read at most once a second and carried forward between:
// the kernel regenerates all of /proc/stat (every CPU's line and every interrupt counter) on each
// read, which made it the costliest file of a 10 Hz sample; the load average changes only every 5 s.
const systemIntervalMs = 1000;

/** Reads /proc/stat, /proc/meminfo and /proc/loadavg through fds kept open. */
export class SystemReader {
  private readonly stat = new ProcFile('/proc/stat');
  private readonly memoryInfo = new ProcFile('/proc/meminfo');
  private readonly loadAverage = new ProcFile('/proc/loadavg');
  private previousCpu: CpuTimes | null = null;
  private lastCpuPercent: Percent | null = null;
  private last: SystemReading = {
    systemCpu: null,
    systemMemoryUsed: null,
    systemMemoryTotal: null,
    loadAverage1m: null,
  };
  private readAt = Number.NEGATIVE_INFINITY;

  /** The system metrics, read anew when the last reading is a second old; `nowMs` is a monotonic clock. */
  read(nowMs: number): SystemReading {
    // Until a CPU percentage exists (it needs two readings a tick apart) read every time.
    if (nowMs - this.readAt < systemIntervalMs && this.lastCpuPercent !== null) return this.last;
    this.readAt = nowMs;
    const cpu = parseCpuTimes(this.stat.read());
    const percent = systemCpuPercent(this.previousCpu, cpu);
    // Two readings within one clock tick have no delta: keep the older baseline and the last value.
    if (percent !== null || this.previousCpu === null) {
      this.previousCpu = cpu;
      this.lastCpuPercent = percent;
    }
    const memory = parseMemoryInfo(this.memoryInfo.read());
    this.last = {
      systemCpu: this.lastCpuPercent,
      systemMemoryUsed:
        memory.totalBytes !== null && memory.availableBytes !== null ? memory.totalBytes - memory.availableBytes : null,
      systemMemoryTotal: memory.totalBytes,
      loadAverage1m: parseLoadAverage1m(this.loadAverage.read()),
    };
    return this.last;
  }

  /** Closes the fds. */
  close(): void {
    this.stat.close();
    this.memoryInfo.close();
    this.loadAverage.close();
  }
}
