// /proc/PID/cmdline: the arguments, each ended by a NUL byte, documented in proc_pid_cmdline(5).
// Kernel threads have an empty file. A process that rewrites its title (nginx, sshd, postgres)
// may leave one argument containing spaces, padded with NULs.

/** Splits a cmdline into its arguments; trailing NUL padding is dropped. */
export function parseCommandLine(text: string): string[] {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
  return end === 0 ? [] : text.slice(0, end).split('\0');
}
