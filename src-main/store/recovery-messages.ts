// What crash recovery writes into the store: the end of a session whose recorder died, the note of
// one that turned out to be alive, and the end of an interrupted experiment (session-store.ts).

/** What an experiment a crash left running says once recovered. */
export const interruptedExperimentMessage =
  'Thermograph stopped during this experiment (it crashed or was killed); nothing was kept and the launch preset is unchanged. Apply the recommendation again to run it anew.';

/** What a recovered session's end says. */
export const recoveredMessage =
  'Thermograph stopped unexpectedly while recording (it crashed or was killed); the samples it had written, up to its last second, were kept.';

/** What a recovered session's profiler status becomes when it was still profiling. */
export const interruptedProfiler = {
  state: 'failed',
  message: 'Thermograph stopped unexpectedly while profiling, so the profile of this recording could not be collected.',
  fix: 'Record again; what the profiler left in the target was cleaned up at the next start.',
} as const;

/** The note that replaces the recovery marker when the recorder turns out to be alive after all. */
export const reopenedMessage =
  'Another Thermograph took this recording for crashed here and closed it, but its recorder was only paused; the recorder went on recording and this session ends where it really stopped.';
