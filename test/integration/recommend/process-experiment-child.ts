// A Thermograph engine process that runs one experiment on a running process and waits, for the
// crash-recovery tests to kill with SIGKILL mid-experiment. Arguments: database path, session id,
// target pid, and the action as JSON (nice −5 when left out). Prints `experiment <id>` once it has started.

import { ExperimentRunner } from '../../../src-main/recommend/actions/experiment-runner';
import { processTargetKey } from '../../../src-main/recommend/actions/process-experiment';
import { processStartTicks } from '../../../src-main/recommend/actions/process-threads';
import { SessionStore } from '../../../src-main/store/session-store';
import type { Action } from '../../../src-shared/diagnosis/recommendation';

const [databasePath, sessionText, pidText, actionText] = process.argv.slice(2);
const store = SessionStore.open(databasePath!);
const runner = new ExperimentRunner({ store, emit: () => undefined });
const running = { pid: Number(pidText), startTicks: processStartTicks(Number(pidText))! };
const experiment = runner.start({
  sessionId: Number(sessionText),
  recommendationId: 'cpu-priority',
  rule: 'cpu-priority',
  diagnosis: 'cpu-bound-single',
  title: 'Run it at a higher scheduling priority (nice −5)',
  action: actionText ? (JSON.parse(actionText) as Action) : { kind: 'priority', nice: -5 },
  process: running,
  targetKey: processTargetKey(running),
  runs: 5,
  maximumRuns: 12,
  metric: null,
});
process.stdout.write(`experiment ${experiment.id}\n`);
void runner.whenOver(experiment.id);
