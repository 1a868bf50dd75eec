// An imported profile file becomes a session like any other: same lists, same views, no timeline.

import { basename } from 'node:path';
import { ThermographError } from '../../src-shared/api/errors';
import type { Runtime } from '../../src-shared/model/process';
import type { SessionSummary } from '../../src-shared/model/session';
import { frameKinds, type Profile } from '../../src-shared/profile/profile';
import { summarizeProfile } from '../analysis/profile-summary';
import type { ImportResult } from '../import/index';
import { describeHost } from '../sessions/host';
import type { SessionStore } from '../store/session-store';

/**
 * Stores imported profiles as a new ended session and returns it. `path` is the file as the session
 * records it: the path read, or for an upload the name the file had on the user's machine.
 */
export function importAsSession(
  store: SessionStore,
  path: string,
  imported: ImportResult,
  name: string | undefined,
): SessionSummary {
  const profiles = imported.profiles.filter((profile) => profile.samples.length > 0);
  if (profiles.length === 0) {
    throw new ThermographError(
      'invalid-profile',
      `${path} holds no samples, so there is nothing to show. Profile for longer or while the program is busy, then import the new file.`,
    );
  }
  // One profile per kind: a file with two CPU profiles keeps the one with more samples.
  const byKind = new Map<Profile['kind'], Profile>();
  for (const profile of profiles) {
    const kept = byKind.get(profile.kind);
    if (!kept || kept.samples.length < profile.samples.length) byKind.set(profile.kind, profile);
  }
  const chosen = [...byKind.values()];
  const startedAt = Math.min(...chosen.map((profile) => profile.startTime));
  const endedAt = Math.max(...chosen.map((profile) => profile.startTime + profile.durationMs));
  return store.createImportedSession(
    {
      name: name ?? basename(path),
      target: { kind: 'file', path, format: imported.format, runtime: runtimeOf(chosen[0]!) },
      host: describeHost(),
      settings: {
        intervalMs: 1000,
        includeChildren: false,
        durationMs: null,
        profiler: 'none',
        samplingHz: null,
        allocations: false,
        alertRules: [],
        anomalyDetection: false,
      },
      startedAt,
    },
    chosen.map((profile) => ({ profile, summary: summarizeProfile(profile) })),
    endedAt,
    // What the importer left out or skipped is said where the session says how it ended.
    [`Imported from ${basename(path)} (${imported.format}).`, ...imported.notes].join(' '),
  );
}

/** The runtime whose frames dominate the profile. */
function runtimeOf(profile: Profile): Runtime {
  const counts = new Map<string, number>();
  for (let frame = 0; frame < profile.frames.length; frame++) {
    const kind = frameKinds[profile.frames.kind[frame]!]!;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  if ((counts.get('js') ?? 0) > 0) return 'node';
  if ((counts.get('python') ?? 0) > 0) return 'python';
  return 'native';
}
