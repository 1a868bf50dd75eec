// `thermograph delete` through the built bin: what it deletes, what it refuses (an unknown id, a
// session still recording, no terminal to ask on), and the question it asks on a real terminal
// (a pseudo-terminal from util-linux `script`).

import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, startRecorder, useCliDatabase } from './cli-harness';

const folded = resolve(__dirname, '../../fixtures/profiles/folded/tricky.folded');
const harness = useCliDatabase();

/** Imports the fixture `count` times; returns the new session ids. */
function importSessions(count: number): number[] {
  return Array.from({ length: count }, () => {
    const result = harness.run('import', [folded, '--json']);
    expect(result.code, result.stderr).toBe(0);
    return (JSON.parse(result.stdout) as { session: { id: number } }).session.id;
  });
}

function storedIds(): number[] {
  const result = harness.run('sessions', ['--json']);
  return (JSON.parse(result.stdout) as { sessions: { id: number }[] }).sessions.map((session) => session.id).sort();
}

/** Runs `thermograph delete ARGS` on a pseudo-terminal, answering `answer` once it asks. */
function deleteOnTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, cli, 'delete', '--db', harness.database, ...args].map((word) => `'${word}'`);
  const child = spawn('script', ['-qec', command.join(' '), '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let answered = false;
  child.stdout.on('data', (data: Buffer) => {
    output += data.toString();
    if (!answered && output.includes('[y/N]')) {
      answered = true;
      child.stdin.write(`${answer}\n`);
    }
  });
  return new Promise((resolveRun) => child.once('close', (code) => resolveRun({ code, output })));
}

describe('thermograph delete', () => {
  it('deletes the sessions it is given with --yes and says so', () => {
    const [first, second, third] = importSessions(3);
    const text = harness.run('delete', [String(first), '--yes']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe(`Deleted session ${first} (tricky.folded).\n`);
    const json = harness.run('delete', [String(second), String(third), '-y', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      schemaVersion: 1,
      deleted: [
        { id: second, name: 'tricky.folded' },
        { id: third, name: 'tricky.folded' },
      ],
    });
    expect(storedIds()).toEqual([]);
  });

  it('deletes nothing when one id is unknown', () => {
    const [kept] = importSessions(1);
    const result = harness.run('delete', [String(kept), '999', '--yes', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Session 999 does not exist, so nothing was deleted');
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'not-found' } });
    expect(storedIds()).toEqual([kept]);
  });

  it('refuses without --yes when there is no terminal to ask on, instead of waiting', () => {
    const [kept] = importSessions(1);
    const result = harness.run('delete', [String(kept), '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Pass --yes to delete without asking');
    expect(JSON.parse(result.stdout)).toMatchObject({ schemaVersion: 1, error: { code: 'usage' } });
    expect(storedIds()).toEqual([kept]);
  });

  it('asks on a terminal: no keeps the session, yes deletes it', async () => {
    const [session] = importSessions(1);
    const declined = await deleteOnTerminal([String(session)], 'n');
    expect(declined.output).toContain('Delete this session and everything recorded with it? [y/N]');
    expect(declined.output).toContain('Nothing was deleted');
    expect(declined.code).toBe(1);
    expect(storedIds()).toEqual([session]);
    const accepted = await deleteOnTerminal([String(session)], 'y');
    expect(accepted.output).toContain(`Deleted session ${session} (tricky.folded).`);
    expect(accepted.code).toBe(0);
    expect(storedIds()).toEqual([]);
  });

  it('refuses a session that is still recording and says how to stop it', async () => {
    const recorder = await startRecorder(harness.database, ['--profile', 'none', '--', 'sleep', '30']);
    try {
      const [recording] = storedIds();
      const result = harness.run('delete', [String(recording), '--yes']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Session ${recording!} (sleep 30) is still recording`);
      expect(result.stderr).toContain('Ctrl-C in the terminal running `thermograph record`');
      expect(storedIds()).toEqual([recording]);
    } finally {
      const exited = new Promise((resolveExit) => recorder.once('exit', resolveExit));
      recorder.kill('SIGINT');
      await exited;
    }
  });
});
