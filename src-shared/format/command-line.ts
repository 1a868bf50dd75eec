// An argv shown as one line a person can paste into a POSIX shell.

/** Joins argv into one line that a shell (and the launch form's splitCommandLine) splits into the same argv. */
export function joinCommandLine(argv: readonly string[]): string {
  return argv
    .map((argument) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
