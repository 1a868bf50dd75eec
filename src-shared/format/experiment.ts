// Experiments and their actions as every surface names them (the UI, the CLI and the report).

import type { ExperimentState } from '../diagnosis/experiment';
import type { Action } from '../diagnosis/recommendation';

/** An action as the change it makes: "UV_THREADPOOL_SIZE=16", "NODE_OPTIONS += --max-semi-space-size=64", "nice −5". */
export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'environment':
      return `${action.name}=${action.value}`;
    case 'node-option':
      return `NODE_OPTIONS += ${action.option}`;
    case 'priority':
      return `nice ${action.nice < 0 ? `−${-action.nice}` : action.nice}`;
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
