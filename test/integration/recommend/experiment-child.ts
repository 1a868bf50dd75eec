// A Thermograph engine process that runs one experiment and waits, for the crash-recovery test to
// kill with SIGKILL mid-experiment. Arguments: database path, session id. Prints `experiment <id>`
// once its first run has started.

import { ExperimentRunner } from '../../../src-main/recommend/actions/experiment-runner';
import { SessionStore } from '../../../src-main/store/session-store';
import { experimentRequest } from './experiment-fixtures';

const [databasePath, sessionText] = process.argv.slice(2);
const store = SessionStore.open(databasePath!);
const runner = new ExperimentRunner({ store, emit: () => undefined });
const session = store.getSession(Number(sessionText))!;
const experiment = runner.start(
  experimentRequest(session, { kind: 'environment', name: 'UV_THREADPOOL_SIZE', value: '16' }),
);
process.stdout.write(`experiment ${experiment.id}\n`);
void runner.whenOver(experiment.id);
