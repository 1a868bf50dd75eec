// CPU lists as Linux writes them (`0-3,6`: /proc/PID/status Cpus_allowed_list, taskset -c,
// /sys/devices/system/cpu/online; https://docs.kernel.org/admin-guide/cputopology.html).

/** The CPU numbers a list names, ascending and each once; null when the text is not a CPU list. */
export function parseCpuList(text: string): number[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const cpus = new Set<number>();
  for (const part of trimmed.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!range) return null;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    // A list longer than any machine's CPUs is not one (and would take long to spell out).
    if (last < first || last > 8191) return null;
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((left, right) => left - right);
}

/** CPU numbers as a list, runs of consecutive CPUs as ranges: [0, 1, 2, 3, 6] → "0-3,6". */
export function cpuListText(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((left, right) => left - right);
  const parts: string[] = [];
  for (let index = 0; index < sorted.length;) {
    let end = index;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    parts.push(end === index ? String(sorted[index]) : `${sorted[index]}-${sorted[end]}`);
    index = end + 1;
  }
  return parts.join(',');
}
