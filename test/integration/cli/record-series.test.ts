// `thermograph record --repeat` through the built bin, where the engine runs the series: a line per
// run, Ctrl-C that keeps the finished runs and discards the one it cut short, and a series that ends
// at a run whose command fails (test/fixtures/targets: sleeper.js, early-exit.js).

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../../src-shared/model/session';
import { targetPath } from '../../fixtures/targets/start-target';
import { cli, useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);

function listed(): SessionSummary[] {
  return (JSON.parse(harness.run('sessions', ['--json']).stdout) as { sessions: SessionSummary[] }).sessions;
}

describe('record --repeat', () => {
  it('says each run on stderr and, on Ctrl-C, keeps the finished runs and discards the one in progress', async () => {
    const child = spawn(
      process.execPath,
      [cli, 'record', '--db', harness.database, '--repeat', '4', '--warmup', '1', '--interval', '100'].concat([
        '--profile',
        'none',
        '--name',
        'nightly',
        '--',
        process.execPath,
        targetPath('sleeper.js'),
        '0.5',
      ]),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    // One Ctrl-C in the middle of the third measured run (a second one would end the bin at once).
    let interrupted = false;
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (interrupted || !/Run 3 of 4: recording session \d+ \(nightly\)/.test(stderr)) return;
      interrupted = true;
      child.kill('SIGINT');
    });
    // 'close', not 'exit': the last lines may still be in the pipes when the process has exited.
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(/^Warm-up run 1 of 1: recording session \d+ \(nightly\); press Ctrl-C to stop\.$/m);
    expect(stderr).toMatch(/^Run 1 of 4: recording session/m);
    expect(stderr).toMatch(/^Run 2 of 4: recording session/m);
    expect(stderr).toContain(
      'Stopped after 2 of 4 runs; the finished runs are kept and the run in progress was discarded.',
    );
    expect(stdout).toMatch(/^Recorded 2 runs as "nightly" \(sessions \d+, \d+\)\.$/m);
    const sessions = listed();
    expect(sessions.map((session) => [session.name, session.endReason])).toEqual([
      ['nightly', 'target-exited'],
      ['nightly', 'target-exited'],
    ]);
  }, 60_000);

  it('ends at a run whose command fails, exits 1 and says which session holds its output', () => {
    const result = harness.run('record', [
      '--repeat',
      '3',
      '--profile',
      'none',
      '--',
      process.execPath,
      targetPath('early-exit.js'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /thermograph: Run 1 of 3: the command exited with code 3 \(its output is in session \d+\)/,
    );
    // Only the command's own output (passed through), no summary of the series.
    expect(result.stdout).toMatch(/^ready \d+\n$/);
    expect(listed()).toHaveLength(1);
  });
});
