// The short name shown for a process, the way ps and top pick it.

/** The last path segment. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The base name of argv[0] when it extends the kernel's comm (which is cut at 15 bytes); comm for a
 * script started through its shebang; otherwise argv[0]'s base name again, because then the process
 * renamed its main thread (Node.js 22 and later call theirs "MainThread"), which names no program.
 */
export function processName(command: string, argv: string[]): string {
  const first = argv[0];
  if (first === undefined || first === '') return command;
  // A process that rewrote its title ("sshd: root@pts/0") has no usable path in argv[0].
  if (first.includes(' ')) return command || first;
  const base = baseName(first);
  if (command === '' || base.startsWith(command)) return base;
  // A script started through its shebang has comm = the script's name but argv[0] = the
  // interpreter: then the kernel's name is the one a person recognises.
  const script = argv[1];
  return script !== undefined && baseName(script).startsWith(command) ? command : base;
}
