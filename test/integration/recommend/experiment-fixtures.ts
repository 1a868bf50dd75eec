// What the experiment tests share: the fixture programs, recording one as a session, and an
// experiment request for a session's command.

import { resolve } from 'node:path';
import type { Action } from '../../../src-shared/diagnosis/recommendation';
import { presetKey } from '../../../src-shared/diagnosis/launch-preset';
import type { SessionSummary } from '../../../src-shared/model/session';
import type { ExperimentRequest } from '../../../src-main/recommend/actions/experiment-runner';

const targets = resolve(import.meta.dirname, '../../fixtures/targets');
/** The fixture programs built for experiments. */
export const fixtures = {
  gcHeavy: resolve(targets, 'experiment-gc-heavy.js'),
  poolWait: resolve(targets, 'experiment-pool-wait.js'),
  steady: resolve(targets, 'experiment-steady.js'),
};

/** The request of an experiment trying `action` on the session's launched command. */
export function experimentRequest(session: SessionSummary, action: Action, runs = 5): ExperimentRequest {
  if (session.target.kind !== 'command') throw new Error('not a launched command');
  const { argv, cwd, env } = session.target;
  return {
    sessionId: session.id,
    recommendationId: 'test',
    rule: 'test',
    diagnosis: 'gc-pressure',
    title: 'test',
    action,
    launch: { argv, cwd, env },
    targetKey: presetKey(argv, cwd),
    runs,
    maximumRuns: 12,
    metric: null,
  };
}
