// `thermograph delete`: removes sessions and everything recorded with them. Every id is checked
// before anything is deleted, so a typo in a list deletes nothing. It asks first on a terminal; with
// no terminal to ask on (a CI job) it refuses rather than wait for an answer that never comes.

import { createInterface } from 'node:readline/promises';
import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import { ThermographError } from '../../src-shared/api/errors';
import type { SessionSummary } from '../../src-shared/model/session';
import { UsageError, type Command } from './arguments';

type DeleteCommand = Extract<Command, { name: 'delete' }>;

/** A deletion the user declined when asked; exit code 1 with the code `cancelled`. */
export class DeclinedError extends Error {
  override readonly name = 'DeclinedError';
  readonly code = 'cancelled';
}

/** Deletes the sessions of `command`; returns the exit code. Throws ThermographError, UsageError or DeclinedError. */
export async function runDelete(api: ThermographInProcessApi, command: DeleteCommand): Promise<number> {
  const sessions: SessionSummary[] = [];
  for (const sessionId of command.sessionIds) {
    const session = await api.getSession({ sessionId }).catch((error: unknown) => {
      if (error instanceof ThermographError && error.code === 'not-found') {
        throw new ThermographError(
          'not-found',
          `Session ${sessionId} does not exist, so nothing was deleted. \`thermograph sessions\` lists the ids.`,
        );
      }
      throw error;
    });
    if (session.status === 'recording') throw stillRecording(session);
    sessions.push(session);
  }
  if (!command.yes) await confirm(sessions);
  const deleted: { id: number; name: string }[] = [];
  for (const session of sessions) {
    // The recording check above can be overtaken; the engine refuses a live recording itself.
    await api.deleteSession({ sessionId: session.id });
    deleted.push({ id: session.id, name: session.name });
    if (!command.json) process.stdout.write(`Deleted session ${session.id} (${session.name}).\n`);
  }
  if (command.json) process.stdout.write(`${JSON.stringify({ schemaVersion: 1, deleted })}\n`);
  return 0;
}

function stillRecording(session: SessionSummary): ThermographError {
  const recorder = session.recordedElsewhere ? ` by Thermograph process ${session.recordedElsewhere.pid}` : '';
  return new ThermographError(
    'busy',
    `Session ${session.id} (${session.name}) is still recording${recorder}, so nothing was deleted. Stop it first ` +
      '(Ctrl-C in the terminal running `thermograph record`, or Stop in the app), then delete it.',
  );
}

/** Asks on the terminal; resolves on yes, throws DeclinedError on anything else. */
async function confirm(sessions: SessionSummary[]): Promise<void> {
  const ids = sessions.map((session) => session.id).join(' ');
  if (!process.stdin.isTTY) {
    throw new UsageError(
      `delete asks before deleting, and there is no terminal to ask on. Pass --yes to delete without asking: \`thermograph delete ${ids} --yes\`.`,
    );
  }
  const list = sessions.map((session) => `  ${session.id}  ${session.name}`).join('\n');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const what =
      sessions.length === 1
        ? 'this session and everything recorded with it'
        : `these ${sessions.length} sessions and everything recorded with them`;
    // The terminal closing (Ctrl-D) is a no, not a wait.
    const closed = new Promise<string>((resolve) => prompt.once('close', () => resolve('')));
    const question = prompt.question(`${list}\nDelete ${what}? [y/N] `);
    const answer = await Promise.race([question, closed]);
    if (!/^y(es)?$/i.test(answer.trim())) throw new DeclinedError('Nothing was deleted (the answer was not yes).');
  } finally {
    prompt.close();
  }
}
