// The I/O priority of every thread of a running process. Linux keeps it per thread (ioprio_set with
// IOPRIO_WHO_PROCESS on a thread id changes that thread only; a new thread inherits its creator's), so
// it is read with `ionice -p TID` and set with `ionice -c CLASS -n LEVEL -p TID`, per thread. Class
// "none" is what a thread has until someone sets one: the kernel then derives best-effort and a level
// from its nice value. Which scheduler honours what: io-scheduler.ts.

import { ThermographError } from '../../../src-shared/api/errors';
import type { IoClass } from '../../../src-shared/diagnosis/recommendation';
import { requireTool, runTool } from './run-tool';
import { eachThread, type ThreadSetting, type ThreadValues } from './thread-setting';

/** An I/O priority as ionice reports it; `level` is null for idle (which has none). */
export interface IoPriority {
  ioClass: IoClass | 'none';
  level: number | null;
}

const installHint = 'install util-linux (it has ionice; apt install util-linux)';
const classNumbers: Record<IoPriority['ioClass'], string> = { none: '0', realtime: '1', 'best-effort': '2', idle: '3' };

/** Every thread's I/O priority, as `ioPriorityText` writes it ("best-effort 4", "idle"). */
export const threadIoPriority: ThreadSetting<string> = {
  leftover: 'io-priority',
  names: ['I/O priority', 'I/O priorities'],
  read: readThreadIoPriority,
  set: (pid, text, byThread = new Map()) =>
    eachThread(
      pid,
      async (tid) => {
        const priority = parseIoPriorityText(byThread.get(tid) ?? text);
        if (priority === null) throw new RangeError(`"${byThread.get(tid) ?? text}" is not an I/O priority`);
        await runTool('ionice', [...ioniceArguments(priority), '-p', String(tid)], installHint);
      },
      (tid, error) =>
        new ThermographError(
          'permission-denied',
          `Could not set thread ${tid} of PID ${pid} to I/O priority ${byThread.get(tid) ?? text}: ${(error as Error).message}. The realtime class needs root (or CAP_SYS_NICE), and so does changing another user's process; run Thermograph with that right, or leave the I/O priority as it is.`,
        ),
    ),
  fromJournal: String,
  ready: () => requireTool('ionice', installHint),
};

/** Every thread's I/O priority; null once the process has exited. A thread that ends meanwhile is left out. */
async function readThreadIoPriority(pid: number): Promise<ThreadValues<string> | null> {
  const values: ThreadValues<string> = new Map();
  const present = await eachThread(
    pid,
    async (tid) => {
      const output = await runTool('ionice', ['-p', String(tid)], installHint);
      const priority = parseIoniceOutput(output);
      if (priority === null) throw new Error(`ionice answered "${output.trim()}", which is not an I/O priority`);
      values.set(tid, ioPriorityText(priority));
    },
    (tid, error) =>
      new ThermographError(
        'permission-denied',
        `Could not read the I/O priority of thread ${tid} of PID ${pid}: ${(error as Error).message}. Run Thermograph as the process's owner or as root.`,
      ),
  );
  return present ? values : null;
}

/** What `ionice -p TID` prints ("best-effort: prio 4", "none: prio 4", "realtime: prio 0", "idle"); null otherwise. */
export function parseIoniceOutput(output: string): IoPriority | null {
  const text = output.trim();
  if (text === 'idle') return { ioClass: 'idle', level: null };
  const match = /^(none|realtime|best-effort): prio ([0-7])$/.exec(text);
  return match ? { ioClass: match[1] as IoPriority['ioClass'], level: Number(match[2]) } : null;
}

/** An I/O priority as the journal and the restore sentence hold it: "best-effort 4", "idle". */
export function ioPriorityText(priority: IoPriority): string {
  return priority.ioClass === 'idle' ? 'idle' : `${priority.ioClass} ${priority.level ?? 4}`;
}

/** `ioPriorityText`'s text read back; null when it is not one. */
export function parseIoPriorityText(text: string): IoPriority | null {
  if (text === 'idle') return { ioClass: 'idle', level: null };
  const match = /^(none|realtime|best-effort) ([0-7])$/.exec(text);
  return match ? { ioClass: match[1] as IoPriority['ioClass'], level: Number(match[2]) } : null;
}

/** ionice's options for a priority: class none takes no level (the kernel derives it from nice), nor does idle. */
export function ioniceArguments(priority: IoPriority): string[] {
  const ioClass = ['-c', classNumbers[priority.ioClass]];
  return priority.ioClass === 'none' || priority.ioClass === 'idle' || priority.level === null
    ? ioClass
    : [...ioClass, '-n', String(priority.level)];
}
