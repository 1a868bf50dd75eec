// How the profile benchmarks print numbers in table cells: durations in ms or s, sizes in decimal
// MB (so MB/s reads the same way disks and parsers are usually quoted), ratios and percentages.

const megabyte = 1_000_000;

/** "850.3 ms" below a second, "2.41 s" above. */
export function duration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return '—';
  const size = Math.abs(milliseconds);
  return size >= 1000 ? `${(milliseconds / 1000).toFixed(2)} s` : `${milliseconds.toFixed(1)} ms`;
}

/** A signed duration: "+292.1 ms", "−40.0 ms". */
export function difference(milliseconds: number): string {
  return `${milliseconds < 0 ? '−' : '+'}${duration(Math.abs(milliseconds))}`;
}

/** "132.4 MB" (decimal megabytes). */
export function megabytes(bytes: number): string {
  return `${(bytes / megabyte).toFixed(1)} MB`;
}

/** "312 MB/s" for a number of bytes handled in a number of milliseconds. */
export function throughput(bytes: number, milliseconds: number): string {
  return `${Math.round(bytes / megabyte / (milliseconds / 1000))} MB/s`;
}

/** Bytes per second in decimal MB/s, as a number. */
export function megabytesPerSecond(bytes: number, milliseconds: number): number {
  return bytes / megabyte / (milliseconds / 1000);
}

/** "+2.4%" or "−0.8%" for a ratio of 1.024 or 0.992. */
export function change(ratio: number): string {
  const percent = (ratio - 1) * 100;
  return `${percent < 0 ? '−' : '+'}${Math.abs(percent).toFixed(1)}%`;
}

/** "0.42×". */
export function times(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** The message of an error, in one line, for a table cell that says why a peer has no number. */
export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((text) => text.trim() !== '') ?? message;
  return line.length > 90 ? `${line.slice(0, 90)}…` : line;
}
