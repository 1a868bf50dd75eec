// Which per-thread setting each in-place action changes, to what value, and how its windows are
// measured: nice and CPU affinity by the time the threads waited for a CPU, the I/O priority by the
// milliseconds per MiB of disk I/O the process did.

import type { Action } from '../../../src-shared/diagnosis/recommendation';
import { cpuListText } from '../../../src-shared/format/cpu-list';
import type { LeftoverEntry } from '../../../src-shared/model/leftover';
import { diskMeasure } from './process-disk-io';
import { threadAffinity } from './thread-affinity';
import { ioPriorityText, threadIoPriority } from './thread-io-priority';
import { threadNice, waitingMeasure } from './thread-priority';
import type { ThreadSetting } from './thread-setting';
import type { WindowMeasure } from './window-measure';

/** An action as a change to a running process: the setting, the value it sets, how a window is measured. */
export interface ProcessChange {
  setting: ThreadSetting<string | number>;
  value: string | number;
  measure: WindowMeasure<unknown>;
}

/** The change an in-place action makes; null for an action that needs a launch. */
export function processChange(action: Action): ProcessChange | null {
  switch (action.kind) {
    case 'priority':
      return { setting: threadNice, value: action.nice, measure: waitingMeasure };
    case 'cpu-affinity':
      return {
        setting: threadAffinity,
        value: cpuListText(action.cpus),
        measure: waitingMeasure,
      };
    case 'io-priority':
      return {
        setting: threadIoPriority,
        value: ioPriorityText({ ioClass: action.ioClass, level: action.level }),
        measure: diskMeasure,
      };
    default:
      return null;
  }
}

/** What an experiment trying this action measures: a running process's outcome, else null (a launch's). */
export function processOutcome(action: Action): string | null {
  return processChange(action)?.measure.outcome ?? null;
}

/** The setting whose originals a journal entry of this kind holds; null for a profiler's entry. */
export function journaledSetting(kind: LeftoverEntry['kind']): ThreadSetting<string | number> | null {
  const settings: ThreadSetting<string | number>[] = [threadNice, threadAffinity, threadIoPriority];
  return settings.find((setting) => setting.leftover === kind) ?? null;
}
