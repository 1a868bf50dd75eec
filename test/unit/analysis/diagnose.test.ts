// The diagnosis engine on synthetic sessions whose class is known by construction: each class found
// from the evidence it rests on, nothing found where it does not hold (no leak on a steady series,
// no contention beside one busy thread), and Theil–Sen against SciPy 1.17.1's theilslopes.

import { describe, expect, it } from 'vitest';
import { diagnose, type DiagnosisInput } from '../../../src-main/analysis/diagnose/diagnose';
import { theilSen } from '../../../src-main/analysis/statistics/theil-sen';
import type { ThreadReading, ThreadTimeline } from '../../../src-shared/diagnosis/threads';
import type { MetricKey } from '../../../src-shared/model/resource';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { FrameKind, Profile } from '../../../src-shared/profile/profile';
import { seededRandom } from '../../../src-shared/seeded-random';

const start = 1_700_000_000_000;
const mebibyte = 1024 * 1024;

/** Samples every `intervalMs` for `seconds`, each metric a function of seconds since the start. */
function samples(seconds: number, intervalMs: number, metrics: Partial<Record<MetricKey, (time: number) => number>>) {
  const count = Math.floor((seconds * 1000) / intervalMs) + 1;
  const times = Float64Array.from({ length: count }, (_, index) => start + index * intervalMs);
  const columns: Partial<Record<MetricKey, Float64Array>> = {};
  for (const [key, value] of Object.entries(metrics) as [MetricKey, (time: number) => number][]) {
    columns[key] = times.map((time) => value((time - start) / 1000));
  }
  return { times, columns };
}

type ThreadSpec = Omit<ThreadReading, 'voluntarySwitchRate' | 'involuntarySwitchRate'> & {
  name: string;
  voluntarySwitchRate?: number;
};

/** One reading a second for `seconds`, every thread as `at(second)` says. */
function threadTimeline(seconds: number, at: (second: number) => ThreadSpec[]): ThreadTimeline {
  const readings = Array.from({ length: seconds }, (_, second) => ({ second, threads: at(second) }));
  const identities = new Map<number, { tid: number; pid: number; name: string }>();
  for (const { threads } of readings)
    for (const thread of threads) identities.set(thread.tid, { tid: thread.tid, pid: thread.pid, name: thread.name });
  return {
    sessionId: 1,
    identities: [...identities.values()],
    samples: readings.map(({ second, threads }) => ({
      time: start + second * 1000,
      threads: threads.map(({ name: _name, voluntarySwitchRate, ...reading }) => ({
        ...reading,
        voluntarySwitchRate: voluntarySwitchRate ?? 10,
        involuntarySwitchRate: 5,
      })),
    })),
  };
}

const kindOf = (name: string): FrameKind =>
  name === '(idle)' ? 'idle' : name === '(garbage collector)' ? 'gc' : name === '(program)' ? 'program' : 'js';

/** A wall-time profile of 1 ms samples: each segment is a stack ("a;b") held for some milliseconds. */
function timedProfile(segments: Array<[string, number]>): Profile {
  const builder = new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: start,
    source: { tool: 'test', requestedIntervalMs: 1 },
  });
  let time = 0;
  for (const [stack, milliseconds] of segments) {
    const frames = stack
      .split(';')
      .map((name) =>
        builder.frame({ name, kind: kindOf(name), file: name.startsWith('(') ? null : 'app.js', line: 10 }),
      );
    const id = builder.stackOf(frames);
    for (let index = 0; index < milliseconds; index++) builder.sample(id, time++, 1);
  }
  return builder.build();
}

function input(overrides: Partial<DiagnosisInput>): DiagnosisInput {
  return {
    runtime: 'node',
    pid: 100,
    includeChildren: false,
    cpuCount: 2,
    samples: samples(10, 250, { cpuUser: () => 1, cpuSystem: () => 0, rss: () => 50 * mebibyte }),
    threads: null,
    cpuProfile: null,
    allocationProfile: null,
    ...overrides,
  };
}

const classes = (result: ReturnType<typeof diagnose>) => result.diagnoses.map((diagnosis) => diagnosis.class);
const sleeping = (tid: number, name: string, waitChannel = 'futex_do_wait'): ThreadSpec => ({
  tid,
  pid: 100,
  name,
  state: 'sleeping',
  cpu: 0,
  waitChannel,
});

describe('Theil–Sen slope', () => {
  it('matches SciPy theilslopes: slope and 95 % interval', () => {
    const slope = theilSen([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1.0, 2.9, 3.1, 4.8, 5.2, 7.1, 6.9, 8.8, 9.4, 11.2]);
    expect(slope!.perSecond).toBeCloseTo(1.05, 10);
    expect(slope!.low).toBeCloseTo(0.9285714285714286, 10);
    expect(slope!.high).toBeCloseTo(1.2, 10);
  });

  it('matches SciPy with ties in y at 90 %', () => {
    const slope = theilSen([0, 0.5, 1.5, 2, 3, 3.5, 4, 5, 6.5, 7, 8, 9.5], [5, 5, 4, 6, 5, 7, 5, 6, 6, 8, 7, 7], 0.9);
    expect(slope!.perSecond).toBeCloseTo(0.2857142857142857, 10);
    expect(slope!.low).toBeCloseTo(0, 10);
    expect(slope!.high).toBeCloseTo(0.46153846153846156, 10);
  });
});

describe('diagnose', () => {
  it('says there is nothing to diagnose with fewer than two samples', () => {
    const result = diagnose(input({ samples: samples(0, 250, { cpuUser: () => 100 }) }));
    expect(result.diagnoses).toEqual([]);
    expect(result.notes[0]).toMatch(/fewer than two resource samples/);
  });

  it('finds one busy thread CPU-bound and names the hottest function from the profile', () => {
    const result = diagnose(
      input({
        samples: samples(10, 250, { cpuUser: () => 97, cpuSystem: () => 2 }),
        threads: threadTimeline(10, () => [
          { tid: 100, pid: 100, name: 'MainThread', state: 'running', cpu: 98, waitChannel: null },
          sleeping(101, 'V8Worker'),
        ]),
        cpuProfile: timedProfile([
          ['main;parseRecord', 6000],
          ['main;formatOutput', 3000],
          ['(garbage collector)', 200],
        ]),
      }),
    );
    expect(classes(result)[0]).toBe('cpu-bound-single');
    expect(result.diagnoses[0]!.title).toMatch(
      /^CPU-bound in one thread \(MainThread\): parseRecord 66\.7% of self time$/,
    );
    expect(result.diagnoses[0]!.location).toMatchObject({ functionName: 'parseRecord', file: 'app.js', line: 10 });
  });

  it('finds several busy threads CPU-bound across cores', () => {
    const result = diagnose(
      input({
        samples: samples(10, 250, { cpuUser: () => 190 }),
        threads: threadTimeline(10, () => [
          sleeping(100, 'MainThread', 'do_epoll_wait'),
          { tid: 101, pid: 100, name: 'cruncher-0', state: 'running', cpu: 95, waitChannel: null },
          { tid: 102, pid: 100, name: 'cruncher-1', state: 'running', cpu: 95, waitChannel: null },
        ]),
      }),
    );
    expect(classes(result)[0]).toBe('cpu-bound-multi');
    expect(classes(result)).not.toContain('lock-contention');
  });

  it('finds a thread that takes all the CPU other programs leave it CPU-bound, and says how much that was', () => {
    // Two other programs keep the two cores busy: the target gets two thirds of a core, all it can.
    const result = diagnose(
      input({
        samples: samples(10, 250, { cpuUser: () => 66, systemCpu: () => 99.5 }),
        threads: threadTimeline(10, () => [
          { tid: 100, pid: 100, name: 'main', state: 'running', cpu: 66, waitChannel: null },
        ]),
      }),
    );
    expect(classes(result)[0]).toBe('cpu-bound-single');
    const left = result.diagnoses[0]!.evidence.find((item) => item.label === 'CPU other programs left it');
    expect(left?.value).toBeCloseTo(67, 0);
  });

  it('finds two runnable threads CPU-bound in several threads even when other load starves one', () => {
    const result = diagnose(
      input({
        samples: samples(10, 250, { cpuUser: () => 93, systemCpu: () => 100 }),
        threads: threadTimeline(10, () => [
          { tid: 101, pid: 100, name: 'cruncher-0', state: 'running', cpu: 63, waitChannel: null },
          { tid: 102, pid: 100, name: 'cruncher-1', state: 'running', cpu: 30, waitChannel: null },
        ]),
      }),
    );
    expect(classes(result)[0]).toBe('cpu-bound-multi');
  });

  it('gives the range where the CPU was high, not the whole session', () => {
    const result = diagnose(
      input({ samples: samples(12, 250, { cpuUser: (second) => (second >= 4 && second <= 8 ? 99 : 1) }) }),
    );
    const [cpuBound] = result.diagnoses;
    expect(cpuBound!.class).toBe('cpu-bound-single');
    expect(cpuBound!.range.from).toBe(start + 4000);
    expect(cpuBound!.range.to).toBe(start + 8000);
  });

  it('finds a process in disk wait I/O-bound, and names fsync from a wall-time profile', () => {
    const result = diagnose(
      input({
        samples: samples(10, 250, {
          cpuUser: () => 20,
          cpuSystem: () => 15,
          writeBytesRate: () => 200 * mebibyte,
          writeSyscallRate: () => 3000,
        }),
        threads: threadTimeline(10, (second) => [
          {
            tid: 100,
            pid: 100,
            name: 'MainThread',
            state: second % 4 === 0 ? 'running' : 'disk-wait',
            cpu: 35,
            waitChannel: null,
          },
        ]),
        cpuProfile: timedProfile([
          ['main;writeDurably;fsyncSync', 7000],
          ['main;writeDurably;writeSync', 2000],
          ['(idle)', 100],
        ]),
      }),
    );
    expect(classes(result)[0]).toBe('io-bound');
    expect(result.diagnoses[0]!.title).toMatch(/^I\/O-bound: 76\.\d% of wall time blocked in fsyncSync$/);
  });

  it('finds steady growth with a rising heap floor a probable leak, with the slope and its interval', () => {
    const random = seededRandom(7);
    const result = diagnose(
      input({
        samples: samples(20, 250, {
          cpuUser: () => 10,
          rss: (second) => 80 * mebibyte + second * 20 * mebibyte + random() * 4 * mebibyte,
          // A sawtooth whose floor rises 15 MiB/s: what the collector could not free.
          jsHeapUsed: (second) => 20 * mebibyte + second * 15 * mebibyte + ((second * 4) % 1) * 30 * mebibyte,
        }),
      }),
    );
    expect(classes(result)[0]).toBe('memory-growth');
    const growth = result.diagnoses[0]!;
    expect(growth.title).toMatch(/^Memory growing 2\d(\.\d)? MiB\/s for 18 s, not released after GC: probable leak$/);
    const rate = growth.evidence.find((item) => item.label === 'RSS growth rate')!;
    expect(rate.interval!.low).toBeLessThan(20 * mebibyte);
    expect(rate.interval!.high).toBeGreaterThan(20 * mebibyte);
  });

  it('does not call a few seconds of growth a leak: a program warming up grows the same way', () => {
    const result = diagnose(
      input({
        samples: samples(6, 250, {
          cpuUser: () => 10,
          rss: (second) => 80 * mebibyte + second * 20 * mebibyte,
          jsHeapUsed: (second) => 20 * mebibyte + second * 15 * mebibyte,
        }),
      }),
    );
    const growth = result.diagnoses.find((item) => item.class === 'memory-growth')!;
    expect(growth.title).toMatch(/not released after GC \(too short to tell a leak from warm-up\)$/);
    expect(growth.confidence).toBeLessThanOrEqual(0.6);
  });

  it('finds no growth in a steady, noisy series (no false leak)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const result = diagnose(
        input({
          samples: samples(60, 1000, {
            cpuUser: () => 30,
            rss: () => 200 * mebibyte + random() * 30 * mebibyte,
            jsHeapUsed: (second) => 40 * mebibyte + (second % 7) * 5 * mebibyte,
          }),
        }),
      );
      expect(classes(result)).not.toContain('memory-growth');
    }
  });

  it('reports Node.js growth outside the heap only from a long enough recording', () => {
    const growing = (seconds: number) =>
      samples(seconds, 250, {
        cpuUser: () => 10,
        rss: (second) => 80 * mebibyte + second * 10 * mebibyte,
        jsHeapUsed: (second) => 30 * mebibyte + ((second * 2) % 1) * 20 * mebibyte,
      });
    expect(classes(diagnose(input({ samples: growing(8) })))).not.toContain('memory-growth');
    const long = diagnose(input({ samples: growing(40) })).diagnoses.find((item) => item.class === 'memory-growth');
    expect(long?.title).toMatch(/^Memory growing 10 MiB\/s for 36 s, outside the JS heap: probable leak$/);
    expect(long?.detail).toMatch(/memory outside the heap/);
  });

  it('does not call growth that levels off a leak', () => {
    const result = diagnose(
      input({
        samples: samples(30, 250, {
          cpuUser: () => 10,
          rss: (second) => 50 * mebibyte + Math.min(second, 10) * 10 * mebibyte,
        }),
      }),
    );
    const growth = result.diagnoses.find((diagnosis) => diagnosis.class === 'memory-growth');
    if (growth) expect(growth.title).not.toMatch(/probable leak/);
  });

  it('ranks GC pressure above the CPU-bound finding it explains', () => {
    const result = diagnose(
      input({
        samples: samples(10, 250, { cpuUser: () => 99 }),
        cpuProfile: timedProfile([
          ['main;makeBatch', 5000],
          ['(garbage collector)', 4000],
        ]),
      }),
    );
    expect(classes(result)[0]).toBe('gc-pressure');
    expect(result.diagnoses[0]!.title).toMatch(/^GC pressure: 44\.\d% of CPU in the garbage collector$/);
  });

  it('finds long tasks in a loop that otherwise idles a blocked event loop', () => {
    const segments: Array<[string, number]> = [];
    for (let round = 0; round < 10; round++) segments.push(['(idle)', 350], ['main;renderReport', 250]);
    const result = diagnose(
      input({ samples: samples(6, 250, { cpuUser: () => 42 }), cpuProfile: timedProfile(segments) }),
    );
    expect(classes(result)[0]).toBe('event-loop-blocked');
    expect(result.diagnoses[0]!.title).toBe(
      'Event loop blocked: 10 tasks of 250 ms–250 ms without yielding, 41.7% of the time, mostly in renderReport',
    );
  });

  it('does not call a batch program that never idles a blocked event loop', () => {
    const result = diagnose(
      input({ samples: samples(6, 250, { cpuUser: () => 99 }), cpuProfile: timedProfile([['main;work', 6000]]) }),
    );
    expect(classes(result)).not.toContain('event-loop-blocked');
  });

  it('finds every libuv pool thread blocked while the main thread waits a saturated pool', () => {
    const pool = (state: 'blocked' | 'idle') =>
      [100, 101, 102, 103].map((tid) =>
        sleeping(tid + 10, 'libuv-worker', state === 'blocked' ? 'pipe_read' : 'futex_do_wait'),
      );
    const saturated = diagnose(
      input({
        samples: samples(8, 250, { cpuUser: () => 2 }),
        threads: threadTimeline(8, () => [sleeping(100, 'MainThread', 'do_epoll_wait'), ...pool('blocked')]),
      }),
    );
    expect(classes(saturated)[0]).toBe('thread-pool-saturated');
    expect(saturated.diagnoses[0]!.title).toMatch(
      /^libuv thread pool saturated: 4 of 4 pool threads busy in 100% of readings/,
    );
    const idle = diagnose(
      input({
        samples: samples(8, 250, { cpuUser: () => 2 }),
        threads: threadTimeline(8, () => [sleeping(100, 'MainThread', 'do_epoll_wait'), ...pool('idle')]),
      }),
    );
    expect(classes(idle)).toEqual(['idle']);
  });

  it('finds balanced threads that leave cores unused and wait on futexes lock contention, or GIL contention in Python', () => {
    const threads = threadTimeline(10, (second) =>
      [0, 1, 2, 3].map((index) =>
        (second + index) % 4 === 0
          ? {
              tid: 100 + index,
              pid: 100,
              name: `worker-${index}`,
              state: 'running' as const,
              cpu: 25,
              waitChannel: null,
              voluntarySwitchRate: 300,
            }
          : { ...sleeping(100 + index, `worker-${index}`), cpu: 25, voluntarySwitchRate: 300 },
      ),
    );
    const native = diagnose(input({ runtime: 'native', samples: samples(10, 250, { cpuUser: () => 100 }), threads }));
    expect(classes(native)[0]).toBe('lock-contention');
    expect(classes(native)).not.toContain('cpu-bound-single');
    const python = diagnose(input({ runtime: 'python', samples: samples(10, 250, { cpuUser: () => 100 }), threads }));
    expect(classes(python)[0]).toBe('gil-contention');
  });

  it('puts lock contention first when other load keeps the contending threads runnable', () => {
    // Each of four threads is runnable in most readings (other programs hold the cores), and sleeps on the lock otherwise.
    const threads = threadTimeline(10, (second) =>
      [0, 1, 2, 3].map((index) =>
        (second + index) % 5 === 0
          ? { ...sleeping(100 + index, `worker-${index}`), cpu: 24, voluntarySwitchRate: 200 }
          : {
              tid: 100 + index,
              pid: 100,
              name: `worker-${index}`,
              state: 'running' as const,
              cpu: 24,
              waitChannel: null,
              voluntarySwitchRate: 200,
            },
      ),
    );
    const result = diagnose(
      input({ runtime: 'native', samples: samples(10, 250, { cpuUser: () => 97, systemCpu: () => 100 }), threads }),
    );
    expect(classes(result)[0]).toBe('lock-contention');
  });

  it("does not take Node.js's garbage-collection helpers waiting between phases for lock contention", () => {
    const result = diagnose(
      input({
        samples: samples(10, 250, { cpuUser: () => 107 }),
        threads: threadTimeline(10, (second) => [
          {
            tid: 100,
            pid: 100,
            name: 'MainThread',
            state: second % 2 ? 'running' : 'sleeping',
            cpu: 60,
            waitChannel: second % 2 ? null : 'futex_do_wait',
            voluntarySwitchRate: 300,
          },
          { ...sleeping(101, 'V8Worker'), cpu: 24, voluntarySwitchRate: 300 },
          { ...sleeping(102, 'V8Worker'), cpu: 23, voluntarySwitchRate: 300 },
        ]),
      }),
    );
    expect(classes(result)).not.toContain('lock-contention');
  });

  it('does not take one busy thread beside a light helper for contention', () => {
    const result = diagnose(
      input({
        runtime: 'native',
        samples: samples(10, 250, { cpuUser: () => 112 }),
        threads: threadTimeline(10, () => [
          { tid: 100, pid: 100, name: 'main', state: 'running', cpu: 100, waitChannel: null },
          { ...sleeping(101, 'logger'), cpu: 12, voluntarySwitchRate: 500 },
        ]),
      }),
    );
    expect(classes(result)).not.toContain('lock-contention');
    expect(classes(result)[0]).toBe('cpu-bound-single');
  });

  it('finds a tree whose CPU is in its children child-process heavy', () => {
    const result = diagnose(
      input({
        includeChildren: true,
        samples: samples(10, 250, { cpuUser: () => 90, processCount: () => 2 }),
        threads: threadTimeline(10, () => [{ ...sleeping(100, 'MainThread', 'do_epoll_wait'), cpu: 4 }]),
      }),
    );
    expect(classes(result)[0]).toBe('child-processes');
  });

  it('reports an idle program as idle only, and idle never beside a bottleneck', () => {
    const idle = diagnose(input({ samples: samples(10, 250, { cpuUser: (second) => (second < 0.5 ? 60 : 0.4) }) }));
    expect(classes(idle)).toEqual(['idle']);
    const busy = diagnose(input({ samples: samples(10, 250, { cpuUser: () => 99 }) }));
    expect(classes(busy)).not.toContain('idle');
  });

  it('says what it could not judge', () => {
    const result = diagnose(input({}));
    expect(result.notes.join(' ')).toMatch(/No per-thread readings/);
    expect(result.notes.join(' ')).toMatch(/No CPU profile/);
  });
});
