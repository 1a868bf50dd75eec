// What the rules for a running process's I/O priority and CPU affinity need to know about it, read
// from the live process when a session recorded by PID is diagnosed: the I/O scheduler of the disk it
// uses (which decides whether an I/O priority counts at all), how its disk I/O splits into reads and
// writes, and the CPUs it may run on beside the machine's.

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseProcessIo } from '../../collectors/proc/parse-process-io';
import type { LiveProcessFacts } from '../facts';
import { onlineCpus, parseAllowedCpus } from './thread-affinity';

/** The facts of a running process; null once it has exited (or cannot be read). */
export function liveProcessFacts(pid: number): LiveProcessFacts | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  return {
    ioScheduler: processIoScheduler(pid),
    diskReadShare: diskReadShare(pid),
    allowedCpus: parseAllowedCpus(status),
    onlineCpus: onlineCpus(),
  };
}

/**
 * The I/O scheduler of the disk most of the process's open regular files are on (else the one its
 * working folder is on); null when none is on a block device (tmpfs, overlay without one, gone).
 */
export function processIoScheduler(pid: number): string | null {
  const counts = new Map<string, number>();
  const count = (path: string) => {
    const disk = diskOf(path);
    if (disk !== null) counts.set(disk, (counts.get(disk) ?? 0) + 1);
  };
  let descriptors: string[] = [];
  try {
    descriptors = readdirSync(`/proc/${pid}/fd`);
  } catch {
    // Another user's process, or gone: its working folder may still tell.
  }
  for (const descriptor of descriptors) count(`/proc/${pid}/fd/${descriptor}`);
  if (counts.size === 0) count(`/proc/${pid}/cwd`);
  const [disk] = [...counts].sort((left, right) => right[1] - left[1])[0] ?? [];
  return disk === undefined ? null : schedulerOf(disk);
}

/** The sysfs folder of the whole disk a regular file is on (a partition's parent); null for anything else. */
function diskOf(path: string): string | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile() && !stat.isDirectory()) return null;
    // Linux's encoding of a device number (new_encode_dev): major in bits 8–19, minor in 0–7 and 20–31.
    const major = (stat.dev >> 8) & 0xfff;
    const minor = (stat.dev & 0xff) | ((stat.dev >> 12) & 0xfff00);
    if (major === 0) return null;
    const device = realpathSync(`/sys/dev/block/${major}:${minor}`);
    return isPartition(device) ? join(device, '..') : device;
  } catch {
    return null;
  }
}

function isPartition(device: string): boolean {
  try {
    statSync(join(device, 'partition'));
    return true;
  } catch {
    return false;
  }
}

/** The active scheduler of a disk's queue ("none [mq-deadline] kyber bfq" → "mq-deadline"); null without one. */
function schedulerOf(disk: string): string | null {
  try {
    return parseActiveScheduler(readFileSync(join(disk, 'queue', 'scheduler'), 'utf8'));
  } catch {
    return null;
  }
}

/** The bracketed entry of a queue/scheduler file; a single unbracketed "none" is active too. */
export function parseActiveScheduler(text: string): string | null {
  const active = /\[([^\]]+)\]/.exec(text);
  if (active) return active[1]!;
  return text.trim() === 'none' ? 'none' : null;
}

/** The share of the bytes the process has read from and written to storage that were reads; null without any. */
function diskReadShare(pid: number): number | null {
  try {
    const io = parseProcessIo(readFileSync(`/proc/${pid}/io`, 'utf8'));
    const total = (io.readBytes ?? 0) + (io.writeBytes ?? 0);
    return io.readBytes === null || total === 0 ? null : io.readBytes / total;
  } catch {
    return null;
  }
}
