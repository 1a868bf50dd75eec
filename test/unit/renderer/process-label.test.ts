// The session header names the recorded program, not only its PID.

import { describe, expect, it } from 'vitest';
import type { TargetDescription } from '../../../src-shared/model/session';
import { processLabel } from '../../../src-renderer/views/session/process-label';

describe('processLabel', () => {
  it("names an attached process by its name and a launched command by its executable's file name", () => {
    expect(
      processLabel({
        kind: 'pid',
        pid: 42,
        name: 'postgres',
        commandLine: '/usr/lib/postgres -D /db',
        runtime: 'native',
      }),
    ).toEqual({ text: 'postgres · PID 42', title: 'PID 42: /usr/lib/postgres -D /db' });
    const command = {
      kind: 'command',
      argv: ['/usr/bin/node', 'server.js'],
      cwd: '/',
      env: {},
      runtime: 'node',
    } satisfies Omit<Extract<TargetDescription, { kind: 'command' }>, 'pid'>;
    expect(processLabel({ ...command, pid: 7 })?.text).toBe('node · PID 7');
    expect(processLabel({ ...command, pid: null })).toEqual({
      text: 'node',
      title: '/usr/bin/node server.js (not started)',
    });
    expect(
      processLabel({ kind: 'pid', pid: 9, name: '', commandLine: '/opt/app/bin/worker --x', runtime: 'native' })?.text,
    ).toBe('worker · PID 9');
    expect(processLabel({ kind: 'file', path: '/p/a.folded', format: 'folded', runtime: null })).toBeNull();
  });
});
