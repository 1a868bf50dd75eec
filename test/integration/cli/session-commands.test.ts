// The real `thermograph` bin's session commands: record passing the launched command's output through
// (and --quiet, --json), output [--follow], rename, tag [--remove], baseline [--clear] with one
// baseline per target, and the doctor's exit status agreeing with what it prints.

import { describe, expect, it } from 'vitest';
import type { OutputChunk, SessionSummary } from '../../../src-shared/model/session';
import { startRecorder, useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
const quick = ['--profile', 'none', '--interval', '100'];
/** Prints one line on each stream, in that order. */
const talker = [process.execPath, '-e', 'console.log("out-line"); console.error("err-line")'];

function recorded(args: string[]): SessionSummary {
  const result = harness.run('record', [...quick, '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: SessionSummary }).session;
}

function session(id: number): SessionSummary {
  const shown = harness.run('show', [String(id), '--json']);
  expect(shown.code, shown.stderr).toBe(0);
  return (JSON.parse(shown.stdout) as { session: SessionSummary }).session;
}

describe('record passes the output through', () => {
  it('shows stdout on stdout and stderr on stderr, moves stdout to stderr with --json, hides both with --quiet', () => {
    const text = harness.run('record', [...quick, '--', ...talker]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.indexOf('out-line')).toBeGreaterThanOrEqual(0);
    // The target's output comes before the summary, as it happened.
    expect(text.stdout.indexOf('out-line')).toBeLessThan(text.stdout.indexOf('Session 1'));
    // Lines of their own: the session's name (the command line) holds the words too.
    expect(text.stdout).not.toMatch(/^err-line$/m);
    expect(text.stderr).toMatch(/^err-line$/m);

    const json = harness.run('record', [...quick, '--json', '--', ...talker]);
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { session: SessionSummary }).session.id).toBe(2);
    expect(json.stderr).toMatch(/^out-line$/m);
    expect(json.stderr).toMatch(/^err-line$/m);

    const quiet = harness.run('record', [...quick, '--quiet', '--', ...talker]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout + quiet.stderr).not.toMatch(/^(out|err)-line$/m);
    // Hidden, still stored.
    const stored = harness.run('output', ['3']);
    expect(stored.code, stored.stderr).toBe(0);
    expect(stored.stdout).toBe('out-line\n');
    expect(stored.stderr).toBe('err-line\n');
  });

  it('passes every run of a series through', () => {
    const series = harness.run('record', [...quick, '--repeat', '2', '--', ...talker]);
    expect(series.code, series.stderr).toBe(0);
    expect(series.stdout.match(/^out-line$/gm)).toHaveLength(2);
    expect(series.stderr.match(/^err-line$/gm)).toHaveLength(2);
  });
});

describe('thermograph output', () => {
  it('prints the stored output as JSON chunks, says when a session has none, and when it does not exist', () => {
    const { id } = recorded(['--', ...talker]);
    const json = harness.run('output', [String(id), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const chunks = (JSON.parse(json.stdout) as { output: OutputChunk[] }).output;
    expect(chunks.map((chunk) => [chunk.stream, chunk.text])).toEqual([
      ['stdout', 'out-line\n'],
      ['stderr', 'err-line\n'],
    ]);
    const silent = recorded(['--', process.execPath, '-e', '']);
    const nothing = harness.run('output', [String(silent.id)]);
    expect(nothing.code, nothing.stderr).toBe(0);
    expect(nothing.stdout).toBe('');
    expect(nothing.stderr).toContain(`Session ${silent.id} has no stored output`);
    const missing = harness.run('output', ['99']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Session 99 does not exist');
  });

  it('--follow prints output as a recording in another process makes it, and stops when it ends', async () => {
    // Eight lines a quarter second apart: most are printed after `output --follow` started.
    const program =
      'let n = 0; const t = setInterval(() => { console.log("tick " + n); if (++n === 8) clearInterval(t); }, 250)';
    const recorder = await startRecorder(harness.database, [
      ...quick,
      '--quiet',
      '--',
      process.execPath,
      '-e',
      program,
    ]);
    const recorderExit = new Promise<number | null>((resolve) => recorder.once('exit', resolve));
    const followed = await harness.start('output', ['1', '--follow']);
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stdout).toBe(Array.from({ length: 8 }, (_, index) => `tick ${index}\n`).join(''));
    expect(await recorderExit).toBe(0);
  });
});

describe('rename, tag and baseline', () => {
  it('renames a session and refuses an empty name with a usage error', () => {
    const { id } = recorded(['--', ...talker]);
    const renamed = harness.run('rename', [String(id), 'before the cache']);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toContain(`Session ${id} is now named "before the cache".`);
    expect(session(id).name).toBe('before the cache');
    const empty = harness.run('rename', [String(id), ' ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('rename needs a NAME of 1 to 200 characters');
  });

  it('adds tags and removes them with --remove', () => {
    const { id } = recorded(['--tag', 'old', '--', ...talker]);
    const added = harness.run('tag', [String(id), 'main', 'nightly', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect((JSON.parse(added.stdout) as { session: SessionSummary }).session.tags).toEqual(['old', 'main', 'nightly']);
    const removed = harness.run('tag', [String(id), 'old', 'nightly', '--remove']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('tags: main.');
    expect(session(id).tags).toEqual(['main']);
  });

  it('keeps one baseline per target: marking a session unmarks the earlier baseline of the same command only', () => {
    const first = recorded(['--', ...talker]).id;
    const second = recorded(['--', ...talker]).id;
    const other = recorded(['--', process.execPath, '-e', '']).id;
    for (const id of [first, other]) expect(harness.run('baseline', [String(id)]).code).toBe(0);
    expect([first, second, other].map((id) => session(id).baseline)).toEqual([true, false, true]);

    const marked = harness.run('baseline', [String(second)]);
    expect(marked.code, marked.stderr).toBe(0);
    expect(marked.stdout).toContain(`Session ${second}`);
    expect([first, second, other].map((id) => session(id).baseline)).toEqual([false, true, true]);

    expect(harness.run('baseline', [String(second), '--clear']).code).toBe(0);
    expect([first, second, other].map((id) => session(id).baseline)).toEqual([false, false, true]);
  });
});

describe('thermograph doctor', () => {
  it('exits 1 exactly when a check other than the Electron runtime is missing, and its last line says so', () => {
    const json = harness.run('doctor', ['--json']);
    const { checks } = JSON.parse(json.stdout) as { checks: { id: string; status: string }[] };
    const expected = checks.some((check) => check.status === 'missing' && check.id !== 'electron') ? 1 : 0;
    expect(json.code).toBe(expected);
    const text = harness.run('doctor');
    expect(text.code).toBe(expected);
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^Exit status ${expected}: `));
  });
});
