// The sentences the collectors say to a person: what happened and what to do.
import type { MetricKey, SamplerLimitation } from '../../src-shared/model/resource';
import type { Pid } from '../../src-shared/units';
import type { ReaderAccess } from './process-reader';
import { readProcText } from './proc/proc-file';
import { currentUserName, userName } from './user-names';

/** Joins words as "a", "a and b", "a, b and c". */
function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The limitation for what another user's process hides from us, or null when everything is readable. */
export function describeUnreadable(
  pid: Pid,
  ownerUid: number | null,
  access: ReaderAccess,
  role: 'root' | 'child',
): SamplerLimitation | null {
  const metrics: MetricKey[] = [];
  const words: string[] = [];
  if (!access.io) {
    metrics.push('readBytesRate', 'writeBytesRate', 'readSyscallRate', 'writeSyscallRate');
    words.push('I/O');
  }
  if (!access.memoryMap) {
    metrics.push('pss');
    words.push('PSS');
  }
  if (!access.fileDescriptors) {
    metrics.push('fileDescriptors');
    words.push('open files');
  }
  if (metrics.length === 0) return null;
  const owner = ownerUid === null ? 'another user' : userName(ownerUid);
  const me = currentUserName();
  const myUid = process.getuid?.() ?? null;
  if (myUid !== null && (myUid === 0 || myUid === ownerUid)) {
    // Not a matter of users: the kernel's ptrace check refuses (another container or PID namespace,
    // a process that made itself undumpable, Yama's ptrace_scope, a security module).
    const whose = role === 'child' ? 'child processes' : `PID ${pid}`;
    return {
      metrics,
      message: `${listWords(words)} of ${whose} cannot be read: the kernel refuses user ${me} access to them (another container or namespace, an undumpable process, or kernel.yama.ptrace_scope). Everything else is recorded.`,
    };
  }
  if (role === 'child') {
    return {
      metrics,
      message: `${listWords(words)} of child processes owned by ${owner} are not readable by user ${me}, so the sums leave them out. Run Thermograph as ${owner} or as root to include them.`,
    };
  }
  return {
    metrics,
    message: `${listWords(words)} of PID ${pid} (owned by ${owner}) are not readable by user ${me}. Run Thermograph as that user or as root to record them.`,
  };
}

/** The message for a PID that does not exist. */
export function processNotFoundMessage(pid: Pid): string {
  return `No process with PID ${pid} exists; it may have exited. Pick a running process or launch a command.`;
}

/** The message when a sampled process exits during a recording. */
export function processExitedMessage(pid: Pid): string {
  return `Process ${pid} has exited; the samples recorded until then are kept.`;
}

/** Why a kernel thread cannot be recorded, and what to record instead. */
export function kernelThreadMessage(pid: Pid): string {
  let name = '';
  try {
    name = ` (${readProcText(`/proc/${pid}/comm`).trim()})`;
  } catch {
    // Gone already: the PID alone names it.
  }
  return `PID ${pid}${name} is a kernel thread: it has no program or memory of its own to record. Pick a user process, or record the program whose work keeps it busy.`;
}
