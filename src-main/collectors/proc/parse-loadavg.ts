// /proc/loadavg: "0.66 0.33 0.13 2/112 5334", documented in proc_loadavg(5).

/** The 1-minute load average, or null when the file is empty or malformed. */
export function parseLoadAverage1m(text: string): number | null {
  const end = text.indexOf(' ');
  const value = Number(end < 0 ? text.trim() : text.slice(0, end));
  return text.length === 0 || Number.isNaN(value) ? null : value;
}
