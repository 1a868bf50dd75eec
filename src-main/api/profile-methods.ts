// The profile half of the API: views of stored profiles (flame graph, hotspots, sandwich, bottom-up,
// stack chart), each after the caller's transforms; files in and out, the doctor, and opening source
// locations. Thin adapters over analysis/ and import/.

import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import type { ApiImplementation } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { SessionSummary } from '../../src-shared/model/session';
import type { Profile, ProfileKind } from '../../src-shared/profile/profile';
import type { Transform } from '../../src-shared/profile/transforms';
import type { SessionId } from '../../src-shared/units';
import { bottomUp } from '../analysis/bottom-up';
import { flameGraph } from '../analysis/flame-graph';
import { hotspots } from '../analysis/hotspots';
import { sandwich } from '../analysis/sandwich';
import { stackChart } from '../analysis/stack-chart';
import { exportProfile } from '../import/export';
import { importProfileFileOffThread } from '../import/import-off-thread';
import { diagnoseMachine } from '../profilers/doctor';
import type { SessionStore } from '../store/session-store';
import { importAsSession } from './import-session';
import { outputPath, pathFrom } from './paths';
import { profileInRange } from './profile-range';
import { sourceLinesOf } from './source-lines';
import type { ProfileCache } from './profile-cache';

type ProfileMethods = Pick<
  ApiImplementation,
  | 'getFlameGraph'
  | 'getHotspots'
  | 'getSandwich'
  | 'getBottomUp'
  | 'getStackChart'
  | 'getSourceLines'
  | 'importProfile'
  | 'exportProfile'
  | 'getCapabilities'
  | 'openSource'
>;

/** What the profile methods need from the engine. */
export interface ProfileServices {
  store: SessionStore;
  /** Throws not-found when the session does not exist. */
  existing(sessionId: SessionId): SessionSummary;
  changed(session: SessionSummary): SessionSummary;
  defaultCwd: string;
  /** Decoded profiles, shared with the diagnosis methods. */
  profiles: ProfileCache;
}

/** Creates the profile methods of the API. */
export function createProfileMethods(services: ProfileServices): ProfileMethods {
  const cache = services.profiles;
  const profileOf = (sessionId: SessionId, kind: ProfileKind, transforms: readonly Transform[] = []): Profile =>
    cache.loadTransformed(services.existing(sessionId), kind, transforms);
  return {
    getFlameGraph: ({ sessionId, selection, transforms }) =>
      flameGraph(profileOf(sessionId, selection.kind, transforms), selection),
    getHotspots: ({ sessionId, selection, transforms, limit }) =>
      hotspots(profileOf(sessionId, selection.kind, transforms), selection, limit),
    getSandwich: ({ sessionId, selection, transforms, frameId }) =>
      sandwich(profileOf(sessionId, selection.kind, transforms), selection, frameId),
    getBottomUp: ({ sessionId, selection, transforms, path, depth }) =>
      bottomUp(profileOf(sessionId, selection.kind, transforms), selection, path, depth),
    getStackChart: ({ sessionId, selection, transforms, width }) =>
      stackChart(profileOf(sessionId, selection.kind, transforms), selection, width),
    // Line costs belong to the recorded profile: transforms rebuild stacks its line nodes name.
    getSourceLines: ({ sessionId, selection, transforms, frameId }) =>
      sourceLinesOf(profileOf(sessionId, selection.kind), selection, frameId, (transforms ?? []).length > 0),
    importProfile: async ({ path, name, originalName }) => {
      const file = pathFrom(path, services.defaultCwd);
      const imported = await importProfileFileOffThread(file);
      return services.changed(importAsSession(services.store, originalName ?? file, imported, name));
    },
    exportProfile: async ({ sessionId, kind, format, range, transforms, path, overwrite }) => {
      const file = outputPath(path, services.defaultCwd, overwrite, 'the profile');
      const whole = profileOf(sessionId, kind, transforms);
      const { bytes } = await exportProfile(range ? profileInRange(whole, range) : whole, format, file);
      return { path: file, bytes };
    },
    getCapabilities: () => diagnoseMachine(),
    openSource: ({ file, line, column }) => openSource(pathFrom(file, services.defaultCwd), line, column),
  };
}

/**
 * Opens a file at a line in the editor named by THERMOGRAPH_EDITOR, a command with {file}, {line}
 * and {column} placeholders (for example `code --goto {file}:{line}:{column}`), run without a
 * shell. Without one, returns the vscode:// link for the UI to open.
 */
function openSource(file: string, line: number, column: number): { opened: boolean; url: string } {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new ThermographError(
      'not-found',
      `${file} is not on this machine, so it cannot be opened. The profile may come from another machine or a build folder that was removed.`,
    );
  }
  const position = `${file}:${Math.max(1, line)}:${Math.max(1, column)}`;
  const url = `vscode://file${encodeURI(position)}`;
  const editor = process.env.THERMOGRAPH_EDITOR?.trim();
  if (!editor) return { opened: false, url };
  const values: Record<string, string> = { file, line: String(Math.max(1, line)), column: String(Math.max(1, column)) };
  const argv = editor
    .split(/\s+/)
    .map((word) => word.replace(/\{(file|line|column)\}/g, (_, key: string) => values[key]!));
  if (!editor.includes('{file}')) argv.push(file);
  const child = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return { opened: true, url };
}
