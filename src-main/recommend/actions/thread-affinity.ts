// The CPUs every thread of a running process may run on. Linux keeps the affinity per thread
// (sched_setaffinity on a thread id changes that thread only; a new thread inherits its creator's),
// so it is read from each thread's /proc/PID/task/TID/status (Cpus_allowed_list, no process started)
// and set with `taskset -p -c LIST TID` per thread. A cpuset cgroup (a container's CPU limit) bounds
// what taskset can give: a CPU outside it is refused.

import { readFileSync } from 'node:fs';
import { ThermographError } from '../../../src-shared/api/errors';
import { cpuListText, parseCpuList } from '../../../src-shared/format/cpu-list';
import { requireTool, runTool } from './run-tool';
import { eachThread, readEachThread, type ThreadSetting, type ThreadValues } from './thread-setting';

const installHint = 'install util-linux (it has taskset; apt install util-linux)';

/** Every thread's CPU list, as Linux writes it ("0-3,6"). */
export const threadAffinity: ThreadSetting<string> = {
  leftover: 'affinity',
  names: ['CPU list', 'CPU lists'],
  read: (pid) => Promise.resolve(readThreadAffinity(pid)),
  set: (pid, cpus, byThread = new Map()) =>
    eachThread(
      pid,
      async (tid) => {
        await runTool('taskset', ['-p', '-c', byThread.get(tid) ?? cpus, String(tid)], installHint);
      },
      (tid, error) =>
        new ThermographError(
          'permission-denied',
          `Could not give thread ${tid} of PID ${pid} CPUs ${byThread.get(tid) ?? cpus}: ${(error as Error).message}. Changing another user's process needs root (or CAP_SYS_NICE), and a CPU outside the process's cpuset (a container's CPU limit) is refused; run Thermograph with that right, or leave the affinity as it is.`,
        ),
    ),
  fromJournal: String,
  ready: () => requireTool('taskset', installHint),
};

/** Every thread's CPU list; null once the process has exited. A thread that ends meanwhile is left out. */
export function readThreadAffinity(pid: number): ThreadValues<string> | null {
  return readEachThread(pid, (tid) => {
    const cpus = parseAllowedCpus(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
    return cpus === null ? null : cpuListText(cpus);
  });
}

/** The CPUs a /proc status file allows (its Cpus_allowed_list line); null without one. */
export function parseAllowedCpus(status: string): number[] | null {
  const line = /^Cpus_allowed_list:\s*(.*)$/m.exec(status);
  return line ? parseCpuList(line[1]!) : null;
}

/** The machine's online CPUs (/sys/devices/system/cpu/online); null when it cannot be read. */
export function onlineCpus(): number[] | null {
  try {
    return parseCpuList(readFileSync('/sys/devices/system/cpu/online', 'utf8'));
  } catch {
    return null;
  }
}
