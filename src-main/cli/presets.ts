// `thermograph presets [SESSION] [--remove ACTION]`: the launch preset entries experiments kept (of one
// session's command, or of every command), and removing one by the action as it is listed or by the
// name of what it sets.

import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { PresetEntry } from '../../src-shared/diagnosis/experiment';
import { actionKey, parsePresetKey } from '../../src-shared/diagnosis/launch-preset';
import type { Action } from '../../src-shared/diagnosis/recommendation';
import { joinCommandLine } from '../../src-shared/format/command-line';
import { describeAction } from '../../src-shared/format/experiment';
import { formatDateTime } from '../../src-shared/format/units';
import type { Command } from './arguments';

type PresetsCommand = Extract<Command, { name: 'presets' }>;

/**
 * Which preset entry `--remove` names: what the action changes (its actionKey) and, when the text
 * gave a value too, the whole action, which must then match as well.
 */
export interface ActionPattern {
  key: string;
  action: Action | null;
  text: string;
}

/** How `--remove` may name an entry, for messages. */
export const actionForms =
  'NAME=VALUE or NAME (an environment variable), --option=VALUE, --option or NODE_OPTIONS += --option=VALUE (a Node.js option), or nice N or nice (the priority)';

/**
 * Reads the action text `--remove` takes: as describeAction prints it (`UV_THREADPOOL_SIZE=16`,
 * `NODE_OPTIONS += --max-old-space-size=512`, `nice −5`) or shorter (`UV_THREADPOOL_SIZE`,
 * `--max-old-space-size`, `nice`). Null when it is none of those.
 */
export function parseActionPattern(text: string): ActionPattern | null {
  const trimmed = text.trim();
  const option = /^(?:NODE_OPTIONS\s*\+=\s*)?(--[^\s=]+)(=\S*)?$/.exec(trimmed);
  if (option) {
    const name = option[1]!;
    const action: Action | null =
      option[2] === undefined ? null : { kind: 'node-option', option: `${name}${option[2]}` };
    return { key: actionKey({ kind: 'node-option', option: name }), action, text: trimmed };
  }
  const priority = /^(?:nice|priority)(?:\s+([-−+]?)(\d{1,2}))?$/.exec(trimmed);
  if (priority) {
    const nice = priority[2] === undefined ? null : Number(priority[2]) * (/[-−]/.test(priority[1]!) ? -1 : 1);
    return { key: 'priority', action: nice === null ? null : { kind: 'priority', nice }, text: trimmed };
  }
  const environment = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/s.exec(trimmed);
  if (environment) {
    const name = environment[1]!;
    const action: Action | null =
      environment[2] === undefined ? null : { kind: 'environment', name, value: environment[2] };
    return { key: actionKey({ kind: 'environment', name, value: '' }), action, text: trimmed };
  }
  return null;
}

/** Lists the preset entries, or removes the one `--remove` names; returns the exit code. */
export async function runPresets(api: ThermographInProcessApi, command: PresetsCommand): Promise<number> {
  const session = command.sessionId === null ? null : await api.getSession({ sessionId: command.sessionId });
  if (session && session.target.kind !== 'command')
    throw new ThermographError(
      'invalid-argument',
      `Session ${session.id} was not a command Thermograph launched, so it has no launch preset; \`thermograph presets\` lists the presets of every launched command.`,
    );
  const entries = await api.listPresets(session ? { session: session.id } : {});
  if (command.remove === null) {
    process.stdout.write(
      command.json
        ? `${JSON.stringify({ schemaVersion: 1, presets: entries })}\n`
        : `${presetText(entries, session?.id ?? null)}\n`,
    );
    return 0;
  }
  const entry = entryToRemove(entries, command.remove, session?.id ?? null);
  const remaining = await api.removePresetEntry({ targetKey: entry.targetKey, action: entry.action });
  if (command.json) {
    process.stdout.write(`${JSON.stringify({ schemaVersion: 1, removed: entry, presets: remaining })}\n`);
  } else {
    const left =
      remaining.length === 0
        ? 'its preset is now empty'
        : `${remaining.length} entr${remaining.length === 1 ? 'y remains' : 'ies remain'}`;
    process.stdout.write(
      `Removed ${describeAction(entry.action)} from the launch preset of ${commandLabel(entry.targetKey)}; ${left}.\n`,
    );
  }
  return 0;
}

/** The one entry the pattern names, or a ThermographError saying why there is none or more than one. */
function entryToRemove(entries: PresetEntry[], pattern: ActionPattern, sessionId: number | null): PresetEntry {
  const sameThing = entries.filter((entry) => actionKey(entry.action) === pattern.key);
  const wanted = pattern.action === null ? null : describeAction(pattern.action);
  const matching = sameThing.filter((entry) => wanted === null || describeAction(entry.action) === wanted);
  if (matching.length === 0) {
    const where =
      sessionId === null
        ? 'No launch preset has an entry'
        : `The launch preset of session ${sessionId}'s command has no entry`;
    const instead =
      sameThing.length > 0
        ? `It has ${sameThing.map((entry) => describeAction(entry.action)).join(', ')}: name it as listed, or by its name alone.`
        : `\`thermograph presets${sessionId === null ? '' : ` ${sessionId}`}\` lists what there is.`;
    throw new ThermographError('not-found', `${where} for "${pattern.text}". ${instead}`);
  }
  if (matching.length > 1)
    throw new ThermographError(
      'invalid-argument',
      `${matching.length} commands have "${pattern.text}" in their launch preset (${matching.map((entry) => commandLabel(entry.targetKey)).join('; ')}): name a session of the one to change, \`thermograph presets SESSION --remove '${pattern.text}'\`.`,
    );
  return matching[0]!;
}

/** The entries as text, a block per command. */
export function presetText(entries: PresetEntry[], sessionId: number | null): string {
  if (entries.length === 0)
    return sessionId === null
      ? 'No launch presets: an experiment that helps (`thermograph apply SESSION RECOMMENDATION`) adds its change to its command’s preset.'
      : `Session ${sessionId}'s command has no launch preset: an experiment that helps (\`thermograph apply ${sessionId} RECOMMENDATION\`) adds its change to it.`;
  const lines: string[] = [];
  const byCommand = new Map<string, PresetEntry[]>();
  for (const entry of entries) byCommand.set(entry.targetKey, [...(byCommand.get(entry.targetKey) ?? []), entry]);
  for (const [targetKey, commandEntries] of byCommand) {
    if (lines.length > 0) lines.push('');
    lines.push(commandLabel(targetKey));
    const width = Math.max(...commandEntries.map((entry) => describeAction(entry.action).length));
    for (const entry of commandEntries) {
      const source = entry.experimentId === null ? 'added' : `kept by experiment ${entry.experimentId}`;
      lines.push(`  ${describeAction(entry.action).padEnd(width)}  ${source}, ${formatDateTime(entry.addedAt)}`);
    }
  }
  lines.push(
    '',
    `Each applies to every launch of its command by Thermograph. Remove one: thermograph presets${sessionId === null ? '' : ` ${sessionId}`} --remove NAME`,
  );
  return lines.join('\n');
}

/** A preset key as the command line and folder it names. */
function commandLabel(targetKey: string): string {
  const command = parsePresetKey(targetKey);
  return command ? `${joinCommandLine(command.argv)}  (in ${command.cwd})` : targetKey;
}
