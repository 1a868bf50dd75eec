// Kernel constants the /proc numbers are expressed in.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { availableParallelism, uptime } from 'node:os';
import { readKeyedKilobytes } from './proc-text';
import { parseBootTime, parseCpuCount } from './parse-system-stat';

/** Clock ticks per second in /proc times. USER_HZ is fixed at 100 in the Linux ABI on every architecture. */
export const userHz = 100;

let cachedPageSize: number | null = null;

/**
 * The memory page size in bytes, which /proc/PID/stat's rss is counted in. Read once from the
 * first mapping in /proc/self/smaps (no process is spawned, unlike `getconf PAGESIZE`); 4096 when
 * that fails.
 */
export function pageSize(): number {
  if (cachedPageSize !== null) return cachedPageSize;
  cachedPageSize = 4096;
  try {
    // Only the first few mappings are needed, and smaps is generated lazily, so a short read is cheap.
    const fd = openSync('/proc/self/smaps', 'r');
    try {
      const buffer = Buffer.allocUnsafe(4096);
      const text = buffer.toString('latin1', 0, readSync(fd, buffer, 0, buffer.length, 0));
      const size = readKeyedKilobytes(text, 'KernelPageSize:');
      if (size !== null && size > 0) cachedPageSize = size;
    } finally {
      closeSync(fd);
    }
  } catch {
    // Keep the default: every common Linux architecture uses 4 KiB pages.
  }
  return cachedPageSize;
}

let cachedBootTime: number | null = null;

/** The boot time in milliseconds since the epoch, from /proc/stat's btime; read once. */
export function bootTimeMs(): number {
  if (cachedBootTime === null) {
    const seconds = parseBootTime(readFileSync('/proc/stat', 'latin1'));
    cachedBootTime = seconds === null ? Date.now() - uptime() * 1000 : seconds * 1000;
  }
  return cachedBootTime;
}

let cachedCpuCount: number | null = null;

/**
 * The CPUs online, from /proc/stat's per-CPU lines; read once. What bounds a process's CPU (see
 * cpu-bound.ts): Node's availableParallelism is only the fallback, as it counts the CPUs this
 * process may use, and the target may be allowed more.
 */
export function cpuCount(): number {
  if (cachedCpuCount === null) {
    try {
      cachedCpuCount = parseCpuCount(readFileSync('/proc/stat', 'latin1')) ?? availableParallelism();
    } catch {
      cachedCpuCount = availableParallelism();
    }
  }
  return cachedCpuCount;
}

let uptimeOriginMs: number | null = null;
let monotonicOriginMs = 0;

/**
 * Now, as clock ticks since boot: the clock /proc/PID/stat's starttime uses. /proc/uptime is read
 * once and advanced with the monotonic clock, because btime has only whole-second precision.
 */
export function bootTicksNow(): number {
  if (uptimeOriginMs === null) {
    monotonicOriginMs = performance.now();
    uptimeOriginMs = Number(readFileSync('/proc/uptime', 'latin1').split(' ')[0]) * 1000;
    if (Number.isNaN(uptimeOriginMs)) uptimeOriginMs = uptime() * 1000;
  }
  return ((uptimeOriginMs + performance.now() - monotonicOriginMs) / 1000) * userHz;
}
