// Run by session-store.test.ts as a recorder in a process of its own, so the test can pause it
// (SIGSTOP) like Ctrl-Z would. Opens the database given as argv[2], creates a session that started
// years ago, appends 10 samples and prints the session id. On the line "end" on stdin it appends 10
// more samples, ends the session as stopped by the user, prints the summary as JSON and exits.

import { createInterface } from 'node:readline';
import { SessionStore } from '../../../src-main/store/session-store';
import { newSession, samples } from './store-fixtures';

const start = 1_700_000_000_000;
const store = SessionStore.open(process.argv[2]!);
const id = store.createSession(newSession('recorded by a child', start)).id;
store.appendSamples(id, samples(10, start));
console.log(id);

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line !== 'end') return;
  store.appendSamples(id, samples(10, start + 1_000, 100, 10));
  const summary = store.endSession(id, {
    endedAt: start + 2_000,
    endReason: 'user-stopped',
    endMessage: null,
    exitCode: null,
    exitSignal: null,
  });
  store.close();
  console.log(JSON.stringify(summary));
  lines.close();
});
