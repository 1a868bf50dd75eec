// What this machine can profile, as `thermograph doctor` and the recording form show it.

/** One thing the doctor checked. */
export interface CapabilityCheck {
  /** Stable id: 'perf', 'perf-event-paranoid', 'ptrace', 'py-spy', 'austin', 'python-perf', 'python-profilers', 'node-inspector', 'reading-pump', 'electron'. */
  id: string;
  /** What was checked, in a few words: "perf (native CPU profiles)". */
  title: string;
  /** ok: works; limited: works with restrictions (detail says which); missing: cannot work until fixed. */
  status: 'ok' | 'limited' | 'missing';
  /** What was found: "perf 6.1.0, cpu-clock only (no hardware counters)". */
  detail: string;
  /** What to do, or null when nothing needs doing. */
  fix: string | null;
}

/** The doctor's whole report. */
export interface MachineCapabilities {
  checks: CapabilityCheck[];
}
