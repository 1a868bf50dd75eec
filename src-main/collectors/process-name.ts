// The short name shown for a process, the way ps and top pick it.

/** The base name of argv[0] when it extends the kernel's comm (which is cut at 15 bytes), else comm. */
export function processName(command: string, argv: string[]): string {
  const first = argv[0];
  if (first === undefined || first === '') return command;
  // A process that rewrote its title ("sshd: root@pts/0") has no usable path in argv[0].
  if (first.includes(' ')) return command || first;
  const base = first.slice(first.lastIndexOf('/') + 1);
  // A script started through its shebang has comm = the script's name but argv[0] = the
  // interpreter: then the kernel's name is the one a person recognises.
  return command === '' || base.startsWith(command) ? base : command;
}
