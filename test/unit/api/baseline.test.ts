// What counts as "the same target" for the one-baseline-per-target rule: a launched command by its
// arguments and folder (not its PID or environment), a running process by its command line (its PID
// changes between runs), an imported profile by its file.

import { describe, expect, it } from 'vitest';
import { baselineTargetKey } from '../../../src-main/api/baseline';
import type { TargetDescription } from '../../../src-shared/model/session';

const command = (argv: string[], cwd = '/srv', pid = 1, env = {}): TargetDescription => ({
  kind: 'command',
  argv,
  cwd,
  env,
  pid,
  runtime: 'node',
});
const running = (pid: number, commandLine: string): TargetDescription => ({
  kind: 'pid',
  pid,
  name: 'node',
  commandLine,
  runtime: 'node',
});

describe('baselineTargetKey', () => {
  it('keys a launched command by argv and folder, whatever its PID or environment', () => {
    const key = baselineTargetKey(command(['node', 'a.js'], '/srv', 10));
    expect(baselineTargetKey(command(['node', 'a.js'], '/srv', 99, { X: '1' }))).toBe(key);
    expect(baselineTargetKey(command(['node', 'b.js']))).not.toBe(key);
    expect(baselineTargetKey(command(['node', 'a.js'], '/tmp'))).not.toBe(key);
    // Arguments are kept apart: ["a b"] is not ["a", "b"].
    expect(baselineTargetKey(command(['node', 'a b']))).not.toBe(baselineTargetKey(command(['node', 'a', 'b'])));
  });

  it('keys a running process by its command line, and an imported profile by its file', () => {
    expect(baselineTargetKey(running(10, 'node server.js'))).toBe(baselineTargetKey(running(20, 'node server.js')));
    expect(baselineTargetKey(running(10, 'node server.js'))).not.toBe(baselineTargetKey(running(10, 'node other.js')));
    const file = (path: string): TargetDescription => ({ kind: 'file', path, format: 'folded', runtime: null });
    expect(baselineTargetKey(file('/p/a.folded'))).toBe(baselineTargetKey(file('/p/a.folded')));
    expect(baselineTargetKey(file('/p/a.folded'))).not.toBe(baselineTargetKey(file('/p/b.folded')));
    // A process started as `node server.js` is not the command launched the same way.
    expect(baselineTargetKey(running(10, 'node server.js'))).not.toBe(
      baselineTargetKey(command(['node', 'server.js'])),
    );
  });
});
