import type { Pid } from '../../src-shared/units';

/**
 * True when a process with this PID exists. Signal 0 checks without delivering anything; EPERM means
 * it exists but belongs to another user.
 */
export function processExists(pid: Pid): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
