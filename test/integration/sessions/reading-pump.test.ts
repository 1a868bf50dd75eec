// The reading pump as built (out/main/proc-pump, `npm run build`) on real processes: what it reads,
// when it hands readings over (changes, conditions that turn), what it says when a process is gone, that a drain hands over every reading taken, that it refuses
// paths outside /proc, and that it stops with its owner.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { constants } from 'node:os';
import { ProcFile } from '../../../src-main/collectors/proc/proc-file';
import { readingPumpExecutable } from '../../../src-main/app-root';
import { ReadingPump, type PumpTick } from '../../../src-main/sessions/reading-pump';
import { parseProcessStat, statFieldIndexes } from '../../../src-main/collectors/proc/parse-process-stat';
import { pageSize } from '../../../src-main/collectors/proc/kernel';
import { sleep } from '../../helpers/engine';
import { startTarget } from '../../fixtures/targets/start-target';

let executable: string;

beforeAll(() => {
  const found = readingPumpExecutable();
  if (found === null) throw new Error('out/main/proc-pump is missing: run `npm run build` (it needs a C compiler).');
  executable = found;
});

/** A pump whose batches and failures are collected. */
function startPump(intervalMs: number, batchMs: number) {
  const ticks: PumpTick[] = [];
  const failures: string[] = [];
  const pump = new ReadingPump(executable, intervalMs, batchMs, {
    batch: (batch) => ticks.push(...batch),
    failed: (message) => failures.push(message),
  });
  return { pump, ticks, failures };
}

async function until(done: () => boolean, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!done() && Date.now() < deadline) await sleep(20);
  expect(done()).toBe(true);
}

function sleeper(seconds: number): ChildProcess {
  return spawn('sleep', [String(seconds)], { stdio: 'ignore' });
}

describe('the reading pump', () => {
  it('reads a watched file on its clock, and the file answers with the reading of the tick being sampled', async () => {
    const target = sleeper(30);
    const stat = new ProcFile(`/proc/${target.pid}/stat`);
    const { pump, ticks } = startPump(50, 0);
    try {
      stat.useFeed(pump);
      await until(() => ticks.filter((tick) => tick.readings.size > 0).length >= 3);
      const tick = ticks.find((candidate) => candidate.readings.size > 0)!;
      expect(pump.during(tick, () => stat.read())).toMatch(new RegExp(`^${target.pid} \\(sleep\\) S `));
      // Both clocks are the moment of the reading: wall-clock epoch ms, and performance.now()'s scale.
      expect(Math.abs(tick.time - Date.now())).toBeLessThan(5_000);
      expect(tick.monotonicMs).toBeLessThanOrEqual(performance.now());
      expect(tick.monotonicMs).toBeGreaterThan(performance.now() - 5_000);
      const times = ticks.map((each) => each.monotonicMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      // Outside a tick the file reads itself.
      expect(stat.read()).toMatch(new RegExp(`^${target.pid} \\(sleep\\)`));
    } finally {
      stat.close();
      pump.close();
      target.kill();
    }
  });

  it('reports the errno of a process that exited, which the file throws like its own read error', async () => {
    const target = sleeper(30);
    const stat = new ProcFile(`/proc/${target.pid}/stat`);
    const { pump, ticks } = startPump(50, 0);
    try {
      stat.useFeed(pump);
      await until(() => ticks.some((tick) => tick.readings.size > 0));
      target.kill('SIGKILL');
      await new Promise((resolve) => target.once('exit', resolve));
      await until(() => ticks.some((tick) => [...tick.readings.values()].includes(constants.errno.ESRCH)));
      const gone = ticks.find((tick) => [...tick.readings.values()].includes(constants.errno.ESRCH))!;
      expect(() => pump.during(gone, () => stat.read())).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    } finally {
      stat.close();
      pump.close();
    }
  });

  it('hands over every reading taken when drained, however long its batch period', async () => {
    const { pump, ticks } = startPump(20, 60_000);
    try {
      await sleep(300);
      expect(ticks).toHaveLength(0);
      await pump.drain();
      // 300 ms at 20 ms is 15 ticks; a loaded machine may fit fewer, never none.
      expect(ticks.length).toBeGreaterThanOrEqual(3);
    } finally {
      pump.close();
    }
  });

  it('hands a changed tick over after its change period, a steady one by batch, and stops when told', async () => {
    const steady = sleeper(30);
    const busy = await startTarget('cpu-busy.js', ['30']);
    const batches = (pid: number, changeMs: number | null) => {
      const counted = { batches: 0, pump: null as ReadingPump | null, file: new ProcFile(`/proc/${pid}/stat`) };
      counted.pump = new ReadingPump(executable, 100, 1_000, {
        batch: () => counted.batches++,
        failed: () => undefined,
      });
      counted.pump.handOverChanges(changeMs);
      counted.file.useFeed(counted.pump);
      return counted;
    };
    const calm = batches(steady.pid!, 200);
    const moving = batches(busy.pid, 200);
    try {
      await sleep(2_500);
      // A sleeping process reads the same at every tick: its first reading, then one batch a second.
      expect(calm.batches).toBeLessThanOrEqual(4);
      // A spinning one's CPU time changes every tick: a batch every two intervals (about 12 here).
      expect(moving.batches).toBeGreaterThanOrEqual(2 * calm.batches);
      moving.pump!.handOverChanges(null);
      await sleep(200);
      const before = moving.batches;
      await sleep(2_500);
      expect(moving.batches - before).toBeLessThanOrEqual(3);
    } finally {
      for (const counted of [calm, moving]) {
        counted.file.close();
        counted.pump!.close();
      }
      steady.kill();
      await busy.stop();
    }
  });

  it('hands over the tick at which a condition turns, at once, and a busy target by batch otherwise', async () => {
    // A fifth of a core: its CPU time changes at every tick, without loading the machine for other tests.
    const busy = await startTarget('cpu-busy.js', ['30', '0.2']);
    const spiking = await startTarget('spike-on-signal.js', ['30', '', '0']);
    const threshold = 120 * 2 ** 20;
    const rssOf = (tick: PumpTick, file: ProcFile) =>
      pump.during(tick, () => parseProcessStat(file.read())!.rssPages * pageSize());
    const batches: PumpTick[][] = [];
    // A batch a minute: every batch in this test is one a condition handed over.
    const pump = new ReadingPump(executable, 100, 60_000, {
      batch: (batch) => batches.push(batch),
      failed: () => undefined,
    });
    const busyStat = new ProcFile(`/proc/${busy.pid}/stat`);
    const spikingStat = new ProcFile(`/proc/${spiking.pid}/stat`);
    try {
      pump.handOverTurns([
        {
          path: busyStat.path,
          token: statFieldIndexes.rssPages,
          scale: pageSize(),
          comparison: '>',
          threshold: 2 ** 50,
        },
        { path: spikingStat.path, token: statFieldIndexes.rssPages, scale: pageSize(), comparison: '>', threshold },
      ]);
      busyStat.useFeed(pump);
      spikingStat.useFeed(pump);
      // The busy target's stat changes at every tick, and neither condition holds: nothing is handed over.
      await sleep(1_500);
      expect(batches).toEqual([]);
      process.kill(spiking.pid, 'SIGUSR2');
      await until(() => batches.length > 0);
      // The batch ends at the first reading over the threshold: it was handed over at that tick.
      const batch = batches[0]!;
      expect(rssOf(batch.at(-1)!, spikingStat)).toBeGreaterThan(threshold);
      for (const tick of batch.slice(0, -1)) expect(rssOf(tick, spikingStat)).toBeLessThanOrEqual(threshold);
      // Holding, it hands nothing more over; `conditions clear` and a condition holding at its first reading hand one over.
      await sleep(500);
      expect(batches.length).toBe(1);
      pump.handOverTurns([
        { path: busyStat.path, token: statFieldIndexes.threads, scale: 1, comparison: '>=', threshold: 1 },
      ]);
      await until(() => batches.length === 2);
    } finally {
      busyStat.close();
      spikingStat.close();
      pump.close();
      await busy.stop();
      await spiking.stop();
    }
  });

  it('stops when closed, and a pump that dies is reported instead of silently stopping the clock', async () => {
    const closed = startPump(100, 1_000);
    const closedChild = (closed.pump as unknown as { child: ChildProcess }).child;
    closed.pump.close();
    await until(() => closedChild.exitCode !== null || closedChild.signalCode !== null);
    expect(closed.failures).toEqual([]);

    const killed = startPump(100, 1_000);
    await sleep(100);
    (killed.pump as unknown as { child: ChildProcess }).child.kill('SIGKILL');
    await until(() => killed.failures.length > 0);
    expect(killed.failures[0]).toBe('the reading pump stopped (SIGKILL)');
  });
});

describe('the pump executable on its own', () => {
  it('opens only the per-process files it is for, and ignores malformed commands', () => {
    const refused = [
      '/etc/passwd',
      '/proc/1/root/etc/passwd',
      '/proc/../etc/passwd',
      '/proc/self/stat',
      '/proc/1/environ',
    ];
    const result = spawnSync(executable, ['10', '0'], {
      input: `${refused.map((path, index) => `open ${index + 1} ${path}`).join('\n')}\nopen x /proc/1/stat\nclose\n\u0000\u0001garbage\nflush\n`,
      timeout: 5_000,
    });
    expect(result.status).toBe(0);
    const output = result.stdout;
    // Only a flushed record (and possibly ticks reading no file): nothing of /etc/passwd.
    expect(output.toString('latin1')).not.toContain('root:');
    expect(output.readUInt32LE(output.length - 4)).toBe(2);
    for (let offset = 0; offset < output.length;) {
      const length = output.readUInt32LE(offset);
      const kind = output.readUInt32LE(offset + 4);
      if (kind === 1) expect(output.readUInt32LE(offset + 8 + 16)).toBe(0);
      offset += 4 + length;
    }
  });

  it('rejects a bad interval with a usage message', () => {
    const result = spawnSync(executable, ['0', 'x'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('INTERVAL_MS');
  });
});
