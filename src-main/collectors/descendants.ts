// Finds a process's descendants through /proc/PID/task/TID/children (one small file per thread,
// listing the children that thread forked) instead of scanning every process in /proc.
import { readdirSync } from 'node:fs';
import type { Pid } from '../../src-shared/units';
import { readProcText } from './proc/proc-file';

/** The direct children of a process; empty when it has none or has vanished. */
export function readChildPids(pid: Pid): Pid[] {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children: Pid[] = [];
  for (const thread of threads) {
    let text: string;
    try {
      text = readProcText(`/proc/${pid}/task/${thread}/children`);
    } catch {
      continue; // the thread ended between the listing and the read
    }
    for (const field of text.split(' ')) {
      const child = Number(field);
      if (field !== '' && Number.isInteger(child)) children.push(child);
    }
  }
  return children;
}

/** Every descendant of a process (children, grandchildren, …), breadth first, without the process itself. */
export function findDescendants(root: Pid): Pid[] {
  const found: Pid[] = [];
  const seen = new Set<Pid>([root]);
  const queue: Pid[] = [root];
  for (let index = 0; index < queue.length; index++) {
    for (const child of readChildPids(queue[index]!)) {
      if (seen.has(child)) continue;
      seen.add(child);
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}
