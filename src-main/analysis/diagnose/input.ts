// What the diagnosis engine reads about one session. Everything is plain data (no store, no I/O), so
// the engine is a pure function that tests feed with synthetic series as well as recorded ones.

import type { ThreadTimeline } from '../../../src-shared/diagnosis/threads';
import type { Runtime } from '../../../src-shared/model/process';
import type { Profile } from '../../../src-shared/profile/profile';
import type { SampleColumns } from '../../../src-shared/timeline/summarize';

/** One session's data, as the detectors read it. */
export interface DiagnosisInput {
  /** The target's runtime, which decides the runtime-specific classes (GC, event loop, GIL). */
  runtime: Runtime | null;
  /** The target's pid (the root of the tree when children were included); null when unknown. */
  pid: number | null;
  /** Whether the resource samples sum the target's children too. */
  includeChildren: boolean;
  /** CPUs of the machine it was recorded on. */
  cpuCount: number;
  samples: SampleColumns;
  /** Per-thread readings; null when the session has none (imported, recorded without /proc). */
  threads: ThreadTimeline | null;
  cpuProfile: Profile | null;
  allocationProfile: Profile | null;
}
