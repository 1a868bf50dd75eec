// /proc/PID/task/TID/wchan: the kernel function a sleeping thread waits in ("futex_do_wait" for a
// lock or an idle pool thread, "do_epoll_wait", "pipe_read"), one word without a newline. It reads
// "0" for a running thread, and for a reader without ptrace access to the thread.

/** The wait channel, or null when the thread is not waiting or the file hides it. */
export function parseWaitChannel(text: string): string | null {
  const channel = text.trim();
  return channel === '' || channel === '0' ? null : channel;
}
