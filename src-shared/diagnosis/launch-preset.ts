// How a launched command is named in launch presets, and what an action changes. Pure: the engine,
// the CLI and the UI all use these, so a key read in one is the key written by another.

import type { Action } from './recommendation';

/**
 * The preset key of a launched command: its argv and working folder, as JSON (readable in lists,
 * and unambiguous where joining with a separator would not be). Its own environment is left out,
 * so a preset follows the command whatever variables a run adds.
 */
export function presetKey(argv: readonly string[], cwd: string): string {
  return JSON.stringify({ argv, cwd });
}

/** The command a preset key names, or null when the text is not a preset key. */
export function parsePresetKey(key: string): { argv: string[]; cwd: string } | null {
  try {
    const value = JSON.parse(key) as { argv?: unknown; cwd?: unknown };
    const argv = value.argv;
    if (!Array.isArray(argv) || !argv.every((word) => typeof word === 'string') || typeof value.cwd !== 'string')
      return null;
    return { argv: argv as string[], cwd: value.cwd };
  } catch {
    return null;
  }
}

/**
 * What an action changes, so a later action on the same thing replaces it in a preset: the variable,
 * the Node.js option's name (`--max-old-space-size=512` replaces `--max-old-space-size=256`), the priority,
 * the I/O priority or the CPU affinity.
 */
export function actionKey(action: Action): string {
  switch (action.kind) {
    case 'environment':
      return `env:${action.name}`;
    case 'node-option':
      return `node-option:${action.option.split('=')[0]}`;
    case 'priority':
      return 'priority';
    case 'io-priority':
      return 'io-priority';
    case 'cpu-affinity':
      return 'cpu-affinity';
  }
}
