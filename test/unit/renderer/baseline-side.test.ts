// Compare from a session uses its own target's baseline, not every marked session of every target.

import { describe, expect, it } from 'vitest';
import { targetBaselineSide } from '../../../src-shared/model/baseline-target';
import type { SessionSummary } from '../../../src-shared/model/session';
import { sessionSummary } from '../../helpers/session-summary';

function run(id: number, argv: string[], extra: Partial<SessionSummary> = {}): SessionSummary {
  const target = { kind: 'command', argv, cwd: '/srv', env: {}, pid: id, runtime: 'node' } as const;
  return sessionSummary({ id, name: argv.join(' '), target, startedAt: id * 1000, ...extra });
}

describe('targetBaselineSide', () => {
  it("names the session's own target's baseline, by id", () => {
    const sessions = [
      run(1, ['node', 'a.js'], { baseline: true }),
      run(2, ['node', 'b.js'], { baseline: true }),
      run(3, ['node', 'a.js']),
      run(4, ['node', 'c.js']),
    ];
    expect(targetBaselineSide(sessions[2]!, sessions)).toBe('1');
    // No baseline for its target, or the session is the baseline: nothing to compare with.
    expect(targetBaselineSide(sessions[3]!, sessions)).toBeNull();
    expect(targetBaselineSide(sessions[0]!, sessions)).toBeNull();
  });

  it('names a series marked as one baseline by its name, and skips baselines still recording', () => {
    const series = [
      run(1, ['node', 'a.js'], { baseline: true, name: 'before' }),
      run(2, ['node', 'a.js'], { baseline: true, name: 'before' }),
      run(3, ['node', 'a.js'], { name: 'after' }),
    ];
    expect(targetBaselineSide(series[2]!, series)).toBe('before');
    const recording = [run(1, ['node', 'a.js'], { baseline: true, status: 'recording' }), run(2, ['node', 'a.js'])];
    expect(targetBaselineSide(recording[1]!, recording)).toBeNull();
  });
});
