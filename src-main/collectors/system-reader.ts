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

// The kernel recomputes the load average every 5 s (LOAD_FREQ), so reading it more than once a
// second would only repeat the same number.
const loadAverageIntervalMs = 1000;

/** Reads /proc/stat, /proc/meminfo and /proc/loadavg through fds kept open. */
export class SystemReader {
  private readonly stat = new ProcFile('/proc/stat');
  private readonly memoryInfo = new ProcFile('/proc/meminfo');
  private readonly loadAverage = new ProcFile('/proc/loadavg');
  private previousCpu: CpuTimes | null = null;
  private lastCpuPercent: Percent | null = null;
  private lastLoadAverage: number | null = null;
  private loadAverageReadAt = Number.NEGATIVE_INFINITY;

  /** Reads every system metric; `nowMs` is a monotonic clock reading used for the slow tier. */
  read(nowMs: number): SystemReading {
    const cpu = parseCpuTimes(this.stat.read());
    const percent = systemCpuPercent(this.previousCpu, cpu);
    // Two readings within one clock tick have no delta: keep the older baseline and the last value.
    if (percent !== null || this.previousCpu === null) {
      this.previousCpu = cpu;
      this.lastCpuPercent = percent;
    }
    const memory = parseMemoryInfo(this.memoryInfo.read());
    if (nowMs - this.loadAverageReadAt >= loadAverageIntervalMs) {
      this.lastLoadAverage = parseLoadAverage1m(this.loadAverage.read());
      this.loadAverageReadAt = nowMs;
    }
    return {
      systemCpu: this.lastCpuPercent,
      systemMemoryUsed:
        memory.totalBytes !== null && memory.availableBytes !== null ? memory.totalBytes - memory.availableBytes : null,
      systemMemoryTotal: memory.totalBytes,
      loadAverage1m: this.lastLoadAverage,
    };
  }

  /** Closes the fds. */
  close(): void {
    this.stat.close();
    this.memoryInfo.close();
    this.loadAverage.close();
  }
}
