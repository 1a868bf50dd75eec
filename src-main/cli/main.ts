#!/usr/bin/env node
// The `thermograph` command: the engine with text or JSON output. It never imports electron.
// Exit codes: 0 success, 1 failure (a message says what happened and what to do), 2 usage error.

import { existsSync } from 'node:fs';
import { ThermographError } from '../../src-shared/api/errors';
import { createEngine } from '../api/engine';
import type { Engine } from '../api/engine-types';
import { runBrowserMode } from '../server/serve';
import { resolveDatabasePath } from '../store/location';
import { parseCommandLine, UsageError, type Command } from './arguments';
import { DeclinedError, runDelete } from './delete';
import { helpText } from './help';
import { runProfileCommand } from './profile-commands';
import { runRecord } from './record';
import { runSessionCommand } from './session-commands';
import { sessionDetails, sessionTable } from './text';
import packageJson from '../../package.json';
import { runCompare } from './compare';
import { runTrends } from './trends';
import { runReport } from './report';
import { runDiagnosis } from './diagnose';
import { experimentLines, runApply } from './apply';
import { watchLines } from './watch-text';
import { runPresets } from './presets';
import { exitOnUnsupportedNode } from './node-version';

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    return usageFailure(error);
  }
  if (command.name === 'help') {
    process.stdout.write(`${helpText(command.topic)}\n`);
    return 0;
  }
  if (command.name === 'version') {
    process.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  const databasePath = resolveDatabasePath(command.database);
  if (command.name === 'serve') {
    await runBrowserMode({ databasePath, ...(command.port === undefined ? {} : { port: command.port }) });
    return 0;
  }
  const writers = ['record', 'import', 'delete', 'rename', 'tag', 'baseline'];
  const engine = openEngine(databasePath, !writers.includes(command.name));
  try {
    return await run(engine, command);
  } catch (error) {
    // Found only once the engine is open: `delete` without --yes and without a terminal to ask on.
    return usageFailure(error);
  } finally {
    await engine.close();
  }
}

/**
 * Opens the engine. A command that only reads falls back to a read-only open when the database
 * cannot be written (a full or read-only disk), so sessions can still be listed and shown.
 */
function openEngine(databasePath: string, readsOnly: boolean): Engine {
  try {
    return createEngine({ databasePath, mode: 'cli' });
  } catch (error) {
    const unwritable =
      error instanceof ThermographError && (error.code === 'storage-full' || error.code === 'storage-read-only');
    // With no database file yet there is nothing to show read-only: the reason it cannot be made is the answer.
    if (!readsOnly || !unwritable || !existsSync(databasePath)) throw error;
    process.stderr.write(
      `thermograph: note: ${error.message} Showing it read-only; sessions left open by a crash stay open until it is writable.\n`,
    );
    return createEngine({ databasePath, mode: 'cli', readOnly: true });
  }
}

async function run(engine: Engine, command: Exclude<Command, { name: 'help' | 'version' | 'serve' }>): Promise<number> {
  const { api } = engine;
  switch (command.name) {
    case 'record':
      return runRecord(engine, command);
    case 'hotspots':
    case 'source':
    case 'import':
    case 'export':
    case 'doctor':
      return runProfileCommand(api, command);
    case 'delete':
      return runDelete(api, command);
    case 'rename':
    case 'tag':
    case 'baseline':
    case 'output':
      return runSessionCommand(api, command);
    case 'compare':
      return runCompare(api, command);
    case 'trends':
      return runTrends(api, command);
    case 'report':
      return runReport(api, command);
    case 'diagnose':
    case 'recommend':
      return runDiagnosis(api, command);
    case 'apply':
      return runApply(engine, command);
    case 'presets':
      return runPresets(api, command);
    case 'sessions': {
      const sessions = await api.listSessions({});
      process.stdout.write(
        command.json ? `${JSON.stringify({ schemaVersion: 1, sessions })}\n` : `${sessionTable(sessions)}\n`,
      );
      return 0;
    }
    case 'show': {
      const session = await api.getSession({ sessionId: command.sessionId });
      const statistics = await api.getStatistics({ sessionId: session.id });
      const experiments = await api.listExperiments({ session: session.id });
      const watch = await api.getWatch({ sessionId: session.id });
      if (command.json) {
        const markers = (await api.getTimeline({ sessionId: session.id, maxPoints: 10 })).markers;
        const shown = { schemaVersion: 1, session, statistics, markers, experiments, watch };
        process.stdout.write(`${JSON.stringify(shown)}\n`);
      } else {
        const lines = [
          sessionDetails(session, statistics),
          ...watchLines(session, watch),
          ...experimentLines(experiments),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return 0;
    }
  }
}

/** Reports a usage error (exit code 2); rethrows anything else. */
function usageFailure(error: unknown): number {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`thermograph: ${error.message}\nRun \`thermograph --help\` for usage.\n`);
  writeJsonFailure('usage', error.message);
  return 2;
}

/**
 * A tool reading --json output gets a failure as JSON too, on stdout where it reads. Only
 * thermograph's own arguments count: after `--` they belong to the launched command.
 */
function writeJsonFailure(code: string, message: string): void {
  const argv = process.argv.slice(2);
  const separator = argv.indexOf('--');
  if (!(separator < 0 ? argv : argv.slice(0, separator)).includes('--json')) return;
  process.stdout.write(`${JSON.stringify({ schemaVersion: 1, error: { code, message } })}\n`);
}

exitOnUnsupportedNode();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof ThermographError || error instanceof DeclinedError;
    const message = known ? error.message : `Unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    process.stderr.write(`thermograph: ${message}\n`);
    writeJsonFailure(known ? error.code : 'internal', message);
    process.exitCode = 1;
  },
);
