// The launch form's memory: the commands launched last with their working directories, newest first,
// offered as one-click suggestions; and which folder a new launch starts in. Pure, so it is
// unit-tested under Node.

/** How many launches are remembered. */
export const recentLimit = 6;

/** A command line launched before, and the folder it ran in. */
export interface RecentLaunch {
  commandLine: string;
  cwd: string;
}

/** `launch` put first in `list` (moved there when already in it), at most `recentLimit` kept. */
export function withRecent(list: readonly RecentLaunch[], launch: RecentLaunch): RecentLaunch[] {
  const entry = { commandLine: launch.commandLine.trim(), cwd: launch.cwd.trim() };
  if (entry.commandLine === '') return [...list];
  const others = list.filter((item) => item.commandLine !== entry.commandLine || item.cwd !== entry.cwd);
  return [entry, ...others].slice(0, recentLimit);
}

/** Reads what was stored; entries that are not a command and a folder are forgotten rather than trusted. */
export function parseRecentLaunches(stored: string | null): RecentLaunch[] {
  if (!stored) return [];
  try {
    const value = JSON.parse(stored) as unknown;
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (item): item is RecentLaunch =>
          typeof item === 'object' &&
          item !== null &&
          typeof (item as RecentLaunch).commandLine === 'string' &&
          (item as RecentLaunch).commandLine !== '' &&
          typeof (item as RecentLaunch).cwd === 'string',
      )
      .map(({ commandLine, cwd }) => ({ commandLine, cwd }))
      .slice(0, recentLimit);
  } catch {
    return [];
  }
}

/**
 * Where a new launch runs: the folder used last, else the user's home. Never the engine's own
 * folder, which is Thermograph's checkout or install when it was started from there.
 */
export function defaultWorkingDirectory(recent: readonly RecentLaunch[], homeDirectory: string | undefined): string {
  return recent.find((launch) => launch.cwd !== '')?.cwd ?? homeDirectory ?? '';
}
