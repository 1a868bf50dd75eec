import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseMachine } from '../../../src-main/profilers/doctor';

// The doctor on this very machine: the answers are checked against what the machine really has.
describe('doctor', () => {
  it('reports every check with a status, a detail and a fix wherever something is not ok', async () => {
    const { checks } = await diagnoseMachine();
    expect(checks.map((check) => check.id)).toEqual([
      'perf',
      'perf-event-paranoid',
      'ptrace',
      'py-spy',
      'austin',
      'python-perf',
      'python-profilers',
      'node-inspector',
      'reading-pump',
      'electron',
    ]);
    for (const check of checks) {
      expect(['ok', 'limited', 'missing']).toContain(check.status);
      expect(check.detail.length).toBeGreaterThan(5);
      if (check.status !== 'ok') expect(check.fix).toMatch(/\w/);
    }
  });

  it('reads perf, perf_event_paranoid, austin and the interpreters the machine has', async () => {
    const byId = new Map((await diagnoseMachine()).checks.map((check) => [check.id, check]));
    expect(byId.get('perf')!.detail).toMatch(/^perf \d+\.\d+/);
    const paranoid = Number(readFileSync('/proc/sys/kernel/perf_event_paranoid', 'latin1'));
    expect(byId.get('perf-event-paranoid')!.detail).toContain(`${paranoid}:`);
    if (process.getuid?.() === 0) expect(byId.get('perf-event-paranoid')!.status).toBe('ok');
    expect(byId.get('austin')!.detail).toMatch(/austin \d+\.\d+\.\d+ reads CPython 3\.\d+–3\.\d+/);
    const pyenv = path.join(homedir(), '.pyenv/versions/3.10.13');
    if (existsSync(pyenv)) expect(byId.get('austin')!.detail).toContain('pyenv 3.10.13');
    if (existsSync(path.join(homedir(), '.pyenv/versions/3.12.1'))) expect(byId.get('python-perf')!.status).toBe('ok');
    expect(byId.get('node-inspector')!.detail).toContain(process.version);
    // The electron package is installed here but its binary is fetched lazily, so it is absent.
    expect(byId.get('electron')!.status).toBe('missing');
    expect(byId.get('electron')!.fix).toMatch(/serve/);
  });

  it('finds the reading pump the build made, and says when it is turned off', async () => {
    const byId = async () => new Map((await diagnoseMachine()).checks.map((check) => [check.id, check]));
    expect((await byId()).get('reading-pump')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('out/main/proc-pump'),
    });
    process.env.THERMOGRAPH_READING_PUMP = 'off';
    try {
      expect((await byId()).get('reading-pump')).toMatchObject({
        status: 'limited',
        fix: expect.stringContaining('Unset'),
      });
    } finally {
      delete process.env.THERMOGRAPH_READING_PUMP;
    }
  });

  it('answers again without throwing (results are cached where they cannot change)', async () => {
    const first = await diagnoseMachine();
    const second = await diagnoseMachine();
    expect(second).toEqual(first);
  });
});
