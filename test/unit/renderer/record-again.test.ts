// Record again: a command is relaunched as it was; a PID only while the same program still has it.
import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../../src-shared/model/process';
import type { SessionSummary, TargetDescription } from '../../../src-shared/model/session';
import { recordAgain } from '../../../src-renderer/views/session/record-again';

function session(target: TargetDescription): SessionSummary {
  return {
    name: 'server run',
    tags: ['ci'],
    target,
    settings: {
      intervalMs: 250,
      includeChildren: true,
      durationMs: 5_000,
      profiler: 'node',
      samplingHz: null,
      allocations: false,
    },
  } as SessionSummary;
}

const running = (pid: number, commandLine: string) => ({ pid, commandLine }) as ProcessInfo;

describe('record again', () => {
  it('relaunches a command with its folder, variables and settings', () => {
    const plan = recordAgain(
      session({ kind: 'command', argv: ['node', 'a.js'], cwd: '/app', env: { A: '1' }, pid: 7, runtime: 'node' }),
      [],
    );
    expect(plan).toEqual({
      kind: 'start',
      params: {
        name: 'server run',
        target: { kind: 'command', argv: ['node', 'a.js'], cwd: '/app', env: { A: '1' } },
        intervalMs: 250,
        includeChildren: true,
        durationSeconds: 5,
        profiler: 'node',
        samplingHz: null,
        allocations: false,
        tags: ['ci'],
      },
    });
  });

  it('records a PID again only while the same program has it, else asks to pick it again', () => {
    const target = { kind: 'pid', pid: 42, name: 'node', commandLine: 'node server.js', runtime: 'node' } as const;
    expect(recordAgain(session(target), [running(42, 'node server.js')]).kind).toBe('start');
    const reused = recordAgain(session(target), [running(42, 'bash')]);
    expect(reused).toEqual({
      kind: 'pick',
      message: 'node (PID 42) is no longer running: pick the process again, or launch it as a command.',
    });
    expect(recordAgain(session(target), []).kind).toBe('pick');
  });

  it('has nothing to record for an imported file', () => {
    expect(
      recordAgain(session({ kind: 'file', path: '/p.cpuprofile', format: 'cpuprofile', runtime: null }), []).kind,
    ).toBe('unavailable');
  });
});
