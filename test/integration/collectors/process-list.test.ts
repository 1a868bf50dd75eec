import { userInfo } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThermographError } from '../../../src-shared/api/errors';
import { ProcessLister, readProcessIdentity } from '../../../src-main/collectors/process-list';
import { favourTarget, startTarget, type RunningTarget } from '../../fixtures/targets/start-target';

describe('process list', () => {
  let busy: RunningTarget;
  let sleeper: RunningTarget;
  let startedAt: number;

  beforeAll(async () => {
    startedAt = Date.now();
    busy = await startTarget('cpu-busy.js', ['10']);
    favourTarget(busy);
    sleeper = await startTarget('sleeper.js', ['10']);
  });
  afterAll(async () => {
    await busy?.stop();
    await sleeper?.stop();
  });

  it('lists spawned programs with their identity, owner and CPU use', async () => {
    const lister = new ProcessLister();
    await lister.list();
    await delay(500);
    const processes = await lister.list();
    const byPid = new Map(processes.map((info) => [info.pid, info]));
    const busyInfo = byPid.get(busy.pid);
    const sleeperInfo = byPid.get(sleeper.pid);
    expect(busyInfo).toMatchObject({
      parentPid: process.pid,
      name: 'node',
      user: userInfo().username,
      uid: process.getuid!(),
      runtime: 'node',
      accessible: true,
    });
    expect(busyInfo!.commandLine).toMatch(/cpu-busy\.js 10$/);
    expect(busyInfo!.rssBytes).toBeGreaterThan(1024 * 1024);
    expect(Math.abs(busyInfo!.startedAt - startedAt)).toBeLessThan(5_000);
    // A busy loop gets a full core on an idle machine but a share of one on a busy 2-core machine
    // (other test files run beside this one): what must hold is that it shows as busy and the sleeper not.
    expect(busyInfo!.cpuPercent).toBeGreaterThanOrEqual(10);
    expect(busyInfo!.cpuPercent).toBeGreaterThanOrEqual(sleeperInfo!.cpuPercent + 10);
    expect(sleeperInfo!.cpuPercent).toBeLessThanOrEqual(5);
    expect(byPid.get(process.pid)?.runtime).toBe('node');
  });

  it('lists kernel threads by their kernel name with an empty command line', async () => {
    const kthreadd = (await new ProcessLister().list()).find((info) => info.pid === 2);
    // PID 2 is kthreadd wherever the PID namespace is the host's; in a container it may not exist.
    if (kthreadd)
      expect(kthreadd).toMatchObject({ name: 'kthreadd', commandLine: '', runtime: 'native', parentPid: 0 });
  });

  it('drops a process that exited between two listings', async () => {
    const lister = new ProcessLister();
    const shortLived = await startTarget('sleeper.js', ['10']);
    expect((await lister.list()).some((info) => info.pid === shortLived.pid)).toBe(true);
    await shortLived.stop();
    expect((await lister.list()).some((info) => info.pid === shortLived.pid)).toBe(false);
  });

  it('reads one process identity, and says clearly when there is none', () => {
    expect(readProcessIdentity(sleeper.pid)).toEqual({
      name: 'node',
      commandLine: expect.stringMatching(/sleeper\.js 10$/),
      runtime: 'node',
    });
    const missing = 2 ** 22 + 1;
    expect(() => readProcessIdentity(missing)).toThrow(
      new ThermographError(
        'process-not-found',
        `No process with PID ${missing} exists; it may have exited. Pick a running process or launch a command.`,
      ),
    );
    expect(() => readProcessIdentity(-1)).toThrow(ThermographError);
  });
});
