// Run by database.test.ts in a child process, as an unprivileged user when the tests run as root
// (root ignores file permissions, so a read-only folder is only read-only to someone else).
// Opens the database given as argv[2], creates a session, and prints the outcome as JSON.

import { ThermographError } from '../../../src-shared/api/errors';
import { SessionStore } from '../../../src-main/store/session-store';
import { newSession } from './store-fixtures';

const path = process.argv[2]!;
try {
  const store = SessionStore.open(path);
  store.createSession(newSession());
  store.close();
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  const { code, message } =
    error instanceof ThermographError ? error : { code: 'not-a-thermograph-error', message: String(error) };
  console.log(JSON.stringify({ ok: false, code, message }));
}
