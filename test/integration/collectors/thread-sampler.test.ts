// The thread sampler on a real process whose threads are replaced on command (python-thread-swap.py):
// it skips listing /proc/PID/task while the thread count holds, so a thread that took an ended one's
// place (same count) must still be found, as must one that raised the count; and it reads idle
// threads less often, so one that works must still show it in the next reading; and it checks an idle
// thread's name in its comm, not its status, so a rename by another thread must still be found.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EpochMilliseconds } from '../../../src-shared/units';
import { createThreadSampler, type ThreadSampler } from '../../../src-main/collectors/thread-sampler';
import { targetPath } from '../../fixtures/targets/start-target';

const python = join(homedir(), '.pyenv/versions/3.11.7/bin/python3');

let target: ChildProcessWithoutNullStreams | null = null;
let sampler: ThreadSampler | null = null;

afterEach(() => {
  sampler?.close();
  target?.kill('SIGKILL');
  sampler = null;
  target = null;
});

/** Starts python-thread-swap.py; `command` sends it a line and resolves with its answer. */
async function startSwapper(idle: number): Promise<{ pid: number; command: (line: string) => Promise<string> }> {
  const child = spawn(python, [targetPath('python-thread-swap.py'), String(idle)]);
  target = child;
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout.on('data', (data: Buffer) => {
    buffered += data.toString();
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const next = waiting.shift();
      if (next) next(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve) => (lines.length > 0 ? resolve(lines.shift()!) : waiting.push(resolve)));
  const ready = await nextLine();
  expect(ready).toMatch(/^ready \d+$/);
  const command = (line: string) => {
    child.stdin.write(line + '\n');
    return nextLine();
  };
  return { pid: child.pid!, command };
}

/** Read calls this process has made (read, pread, … as /proc/self/io counts them). */
const readCalls = () => Number(/^syscr: (\d+)$/m.exec(readFileSync('/proc/self/io', 'latin1'))![1]);

const tidsOf = (pid: number) => readdirSync(`/proc/${pid}/task`).map(Number).sort();
const sampledTids = (active: ThreadSampler) =>
  active
    .sample(Date.now() as EpochMilliseconds)
    .threads.map((thread) => thread.tid)
    .sort();

describe('thread sampler', () => {
  it('finds a thread that replaced an ended one at the same count, and one that raised the count', async () => {
    const { pid, command } = await startSwapper(3);
    sampler = createThreadSampler({ pid, includeChildren: false })!;
    expect(sampledTids(sampler)).toEqual(tidsOf(pid));
    sampler.takeIdentities();

    const [, ended, replacement] = (await command('swap')).split(' ').map(Number);
    const afterSwap = sampledTids(sampler);
    expect(afterSwap).toHaveLength(4);
    expect(afterSwap).toContain(replacement);
    expect(afterSwap).not.toContain(ended);
    expect(sampler.takeIdentities()).toEqual([{ tid: replacement, pid, name: 'swap-1' }]);

    const added = Number((await command('add')).split(' ')[1]);
    expect(sampledTids(sampler)).toEqual(tidsOf(pid));
    expect(sampler.takeIdentities()).toEqual([{ tid: added, pid, name: 'swap-2' }]);

    // Through a periodic full listing (every tenth sample) and the count-only samples around it. By
    // now the idle threads are read only every 4th sample, so an ended one (and the thread that took
    // its place) is noticed when it is next read: within 4 samples.
    for (let sample = 0; sample < 13; sample++) {
      if (sample % 4 === 1) await command('swap');
      const tids = sampledTids(sampler);
      if (sample % 4 === 0) expect(tids).toEqual(tidsOf(pid));
    }
  });

  it('reads idle threads less often, and reads one at once when the process used CPU its readings do not explain', async () => {
    const { pid, command } = await startSwapper(48);
    sampler = createThreadSampler({ pid, includeChildren: false })!;
    for (let sample = 0; sample < 8; sample++) sampledTids(sampler);
    // 49 threads, but the idle ones are now read every 4th sample: far fewer reads than threads.
    const before = readCalls();
    expect(sampledTids(sampler)).toEqual(tidsOf(pid));
    expect(readCalls() - before).toBeLessThan(25);

    // At four phases of the back-off (most of them samples that would skip the thread), work by an
    // idle thread shows in the very next reading.
    for (let phase = 0; phase < 4; phase++) {
      for (let sample = 0; sample < 6 + phase; sample++) sampledTids(sampler);
      const worker = Number((await command('work')).split(' ')[1]);
      const reading = sampler.sample(Date.now() as EpochMilliseconds).threads.find(({ tid }) => tid === worker);
      expect(reading?.cpu).toBeGreaterThan(0);
    }
  });

  it('finds an idle thread renamed by another thread within ten samples, reading comm rather than status', async () => {
    const { pid, command } = await startSwapper(48);
    sampler = createThreadSampler({ pid, includeChildren: false })!;
    for (let sample = 0; sample < 12; sample++) sampledTids(sampler);
    sampler.takeIdentities();
    // Twenty samples of 49 idle threads: schedstat every 4th sample and in every tenth, where comm is
    // read too (about 21 reads a sample, 414 measured). A full reading (status and wchan) of every
    // thread in its own tenth reading instead, as before comm was read, came to 610.
    const before = readCalls();
    for (let sample = 0; sample < 20; sample++) sampledTids(sampler);
    expect(readCalls() - before).toBeLessThan(500);

    const renamed = Number((await command('rename renamed-idle')).split(' ')[1]);
    const names: string[] = [];
    for (let sample = 0; sample < 10 && names.length === 0; sample++) {
      sampledTids(sampler);
      for (const identity of sampler.takeIdentities()) if (identity.tid === renamed) names.push(identity.name);
    }
    expect(names).toEqual(['renamed-idle']);
  });
});
