// The memory limit a process runs under, for the time-to-limit forecast: the tightest memory limit
// of its cgroup and every cgroup above it (cgroup v2 `memory.max`, v1 `memory.limit_in_bytes`), or,
// without one, the machine's memory. A container's own view of /sys/fs/cgroup is what the kernel
// enforces for it, so the path read from /proc/PID/cgroup is looked up under the local mount; a path
// that is not there (another namespace's) is climbed until a level exists.

import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import type { MemoryLimit } from '../../src-shared/model/trends';
import type { Bytes } from '../../src-shared/units';

/** Where the files are (tests point these at a folder of their own). */
export interface MemoryLimitRoots {
  proc: string;
  cgroup: string;
  /** The machine's memory, when no cgroup limits the process. */
  systemBytes: () => Bytes;
}

const defaultRoots: MemoryLimitRoots = { proc: '/proc', cgroup: '/sys/fs/cgroup', systemBytes: totalmem };
/** Limits at or above this are the kernel's "no limit" (v1 writes 2^63 rounded down to a page). */
const unlimited = 2 ** 62;

/** The memory limit of `pid`; the machine's memory when no cgroup limit applies or none is readable. */
export function readMemoryLimit(pid: number, roots: MemoryLimitRoots = defaultRoots): MemoryLimit {
  const system: MemoryLimit = { bytes: roots.systemBytes(), source: 'system', cgroup: null };
  let membership: string;
  try {
    membership = readFileSync(join(roots.proc, String(pid), 'cgroup'), 'utf8');
  } catch {
    return system;
  }
  const found = tightestLimit(membership, roots.cgroup);
  return found === null || found.bytes >= system.bytes ? system : found;
}

/** The tightest limit along the process's v2 path, else its v1 memory path; null when none limits it. */
function tightestLimit(membership: string, cgroupRoot: string): MemoryLimit | null {
  for (const line of membership.split('\n')) {
    const [, controllers, path] = /^\d+:([^:]*):(\/.*)$/.exec(line.trim()) ?? [];
    if (path === undefined) continue;
    if (controllers === '') {
      const limit = limitAlong(cgroupRoot, path, 'memory.max');
      if (limit) return limit;
    } else if (controllers!.split(',').includes('memory')) {
      const limit = limitAlong(join(cgroupRoot, 'memory'), path, 'memory.limit_in_bytes');
      if (limit) return limit;
    }
  }
  return null;
}

/** The smallest limit in `file` from `path` up to the root of the hierarchy at `mount`. */
function limitAlong(mount: string, path: string, file: string): MemoryLimit | null {
  let best: MemoryLimit | null = null;
  const parts = path.split('/').filter(Boolean);
  for (let depth = parts.length; depth >= 0; depth--) {
    const level = `/${parts.slice(0, depth).join('/')}`;
    let text: string;
    try {
      text = readFileSync(join(mount, level, file), 'utf8').trim();
    } catch {
      continue;
    }
    const bytes = text === 'max' ? Number.POSITIVE_INFINITY : Number(text);
    if (Number.isFinite(bytes) && bytes > 0 && bytes < unlimited && (best === null || bytes < best.bytes))
      best = { bytes, source: 'cgroup', cgroup: level };
  }
  return best;
}
