// Experiments and their actions as every surface names them (the UI, the CLI and the report).

import type { ExperimentState } from '../diagnosis/experiment';
import type { Action } from '../diagnosis/recommendation';
import { cpuListText } from './cpu-list';

/**
 * An action as the change it makes: "UV_THREADPOOL_SIZE=16", "NODE_OPTIONS += --max-semi-space-size=64",
 * "nice −5", "ionice realtime 4", "ionice idle", "CPU affinity 0-3".
 */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'environment':
      return `${action.name}=${action.value}`;
    case 'node-option':
      return `NODE_OPTIONS += ${action.option}`;
    case 'priority':
      return `nice ${action.nice < 0 ? `−${-action.nice}` : action.nice}`;
    case 'io-priority':
      // The idle class has no levels.
      return action.ioClass === 'idle' ? 'ionice idle' : `ionice ${action.ioClass} ${action.level}`;
    case 'cpu-affinity':
      return `CPU affinity ${cpuListText(action.cpus)}`;
  }
}

/** How an experiment stands, in a word or two. */
export const experimentStateLabels: Record<ExperimentState, string> = {
  running: 'Running',
  kept: 'Kept',
  'rolled-back': 'Rolled back',
  cancelled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};
