// `thermograph rename`, `tag`, `baseline` and `output`: what the app does to a session, from the
// command line. Each prints the session as it now is (or its output), as text or JSON.

import type { ThermographInProcessApi } from '../../src-shared/api/contract';
import type { OutputChunk, SessionSummary } from '../../src-shared/model/session';
import type { Command } from './arguments';

type SessionCommand = Extract<Command, { name: 'rename' | 'tag' | 'baseline' | 'output' }>;

/** How often `output --follow` asks for new output while the session records. */
const followIntervalMs = 250;

/** Runs one session command; returns the exit code. */
export async function runSessionCommand(api: ThermographInProcessApi, command: SessionCommand): Promise<number> {
  const { sessionId } = command;
  switch (command.name) {
    case 'rename': {
      const session = await api.renameSession({ sessionId, name: command.newName });
      return written(command.json, session, `Session ${session.id} is now named "${session.name}".`);
    }
    case 'tag': {
      const before = await api.getSession({ sessionId });
      const tags = command.remove
        ? before.tags.filter((tag) => !command.tags.includes(tag))
        : [...before.tags, ...command.tags];
      const session = await api.setSessionTags({ sessionId, tags });
      const list = session.tags.length > 0 ? session.tags.join(', ') : 'none';
      return written(command.json, session, `Session ${session.id} (${session.name}) tags: ${list}.`);
    }
    case 'baseline': {
      const session = await api.setBaseline({ sessionId, baseline: !command.clear });
      const text = command.clear
        ? `Session ${session.id} (${session.name}) is no longer a baseline.`
        : `Session ${session.id} (${session.name}) is now the baseline of its target (any earlier baseline of it was unmarked); compare with it: thermograph compare baseline OTHER`;
      return written(command.json, session, text);
    }
    case 'output':
      return printOutput(api, sessionId, command.follow, command.json);
  }
}

function written(json: boolean, session: SessionSummary, text: string): number {
  process.stdout.write(`${json ? JSON.stringify({ schemaVersion: 1, session }) : text}\n`);
  return 0;
}

/**
 * Prints a session's stored output: stdout to stdout and stderr to stderr, as the command printed
 * them. With --follow it keeps printing new output until the recording ends. With --json, one
 * {"schemaVersion":1,"output":[chunks]} at the end.
 */
async function printOutput(
  api: ThermographInProcessApi,
  sessionId: number,
  follow: boolean,
  json: boolean,
): Promise<number> {
  let after = -1;
  const all: OutputChunk[] = [];
  let interrupted = false;
  const onInterrupt = () => (interrupted = true);
  process.on('SIGINT', onInterrupt);
  try {
    for (;;) {
      // Read the status first: output that came before the recording ended is then read below.
      const recording = (await api.getSession({ sessionId })).status === 'recording';
      let chunks: OutputChunk[];
      do {
        chunks = await api.getOutput({ sessionId, afterSequence: after, limit: 1_000 });
        for (const chunk of chunks) {
          after = chunk.sequence;
          if (json) all.push(chunk);
          else (chunk.stream === 'stderr' ? process.stderr : process.stdout).write(chunk.text);
        }
      } while (chunks.length > 0);
      if (!follow || !recording || interrupted) break;
      await new Promise((resolve) => setTimeout(resolve, followIntervalMs));
    }
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (json) process.stdout.write(`${JSON.stringify({ schemaVersion: 1, output: all })}\n`);
  else if (after < 0)
    process.stderr.write(
      `Session ${sessionId} has no stored output: only a command Thermograph launched (record -- COMMAND) has its output kept, and this one printed nothing.\n`,
    );
  return 0;
}
