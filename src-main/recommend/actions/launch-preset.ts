// Launch presets applied: a command launched for recording (record, series) gets the actions that
// experiments kept for it, and its session says so in a note on the timeline, so what changed is
// never hidden from the person reading the recording.

import { presetKey } from '../../../src-shared/diagnosis/launch-preset';
import { describeAction } from '../../../src-shared/format/experiment';
import type { SessionStore } from '../../store/session-store';
import { applyActions, setLaunchPriority } from './apply-action';

/** A launch with its preset applied. */
export interface PresetLaunch {
  env: Record<string, string>;
  /** Sets the preset's priority on the spawned process; returns a problem to note, or null. */
  afterSpawn(pid: number): string | null;
  /** What the session's note says; null when the command has no preset. */
  note: string | null;
}

/** The command's environment with its launch preset applied, and the note that says so. */
export function presetLaunch(
  store: SessionStore,
  argv: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>>,
): PresetLaunch {
  const entries = store.listPresets(presetKey(argv, cwd));
  if (entries.length === 0) return { env: { ...env }, afterSpawn: () => null, note: null };
  const actions = entries.map((entry) => entry.action);
  const applied = applyActions(env, actions, process.env.NODE_OPTIONS);
  const note = `Launch preset applied (kept by experiments): ${actions.map(describeAction).join(', ')}. \`thermograph presets\` lists it; \`thermograph presets --remove\` takes an entry out.`;
  return {
    env: applied.env,
    note,
    afterSpawn(pid) {
      if (applied.nice === null) return null;
      try {
        setLaunchPriority(pid, applied.nice);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    },
  };
}
