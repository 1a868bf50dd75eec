import { describe, expect, it } from 'vitest';
import { AlertEvaluator, type WatchSample } from '../../../../src-main/analysis/watch/alert-evaluator';
import { parseAlertRule } from '../../../../src-main/analysis/watch/alert-rule-parser';
import type { AlertEvent, AlertRule } from '../../../../src-shared/model/watch';
import { seededRandom } from '../../../helpers/seeded-random';

function rule(text: string, cooldownMs = 60_000): AlertRule {
  const parsed = parseAlertRule(text, cooldownMs);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rule;
}

/** Feeds cpu readings at a fixed interval; returns the events with the index of the sample that raised them. */
function feed(rules: AlertRule[], cpu: (number | null)[], intervalMs: number): { index: number; event: AlertEvent }[] {
  const evaluator = new AlertEvaluator(rules);
  const events: { index: number; event: AlertEvent }[] = [];
  cpu.forEach((value, index) => {
    const sample: WatchSample = {
      time: 1_000_000 + index * intervalMs,
      cpuUser: value,
      cpuSystem: value === null ? null : 0,
    };
    for (const event of evaluator.push(sample)) events.push({ index, event });
  });
  return events;
}

/** 20 readings at 10 %, then `high` readings at 95 %, then 10 % again. */
function step(high: number): number[] {
  return [...Array<number>(20).fill(10), ...Array<number>(high).fill(95), ...Array<number>(20).fill(10)];
}

describe('AlertEvaluator latency', () => {
  // The step's first reading over the threshold is index 20: it is sample 1 of the crossing.
  for (const intervalMs of [100, 1000]) {
    it(`fires an immediate rule on the first reading over it at ${intervalMs} ms`, () => {
      const events = feed([rule('cpu>90%')], step(30), intervalMs);
      expect(events[0]).toMatchObject({
        index: 20,
        event: { kind: 'fired', value: 95, since: 1_000_000 + 20 * intervalMs },
      });
    });

    for (const durationMs of [500, 1000, 2500, 10_000]) {
      it(`fires a ${durationMs} ms rule within ceil(D/I)+1 readings at ${intervalMs} ms`, () => {
        const events = feed([rule(`cpu>90%:${durationMs}ms`)], step(200), intervalMs);
        const readings = events[0]!.index - 20 + 1;
        expect(readings).toBe(Math.ceil(durationMs / intervalMs) + 1);
        expect(events[0]!.event.time - events[0]!.event.since).toBeGreaterThanOrEqual(durationMs);
      });
    }
  }

  it('holds the bound when the sampler jitters around its interval', () => {
    const random = seededRandom(11);
    const evaluator = new AlertEvaluator([rule('cpu>90%:1s')]);
    let time = 0;
    let firings = 0;
    for (let trial = 0; trial < 200; trial++) {
      let firstOver = -1;
      for (let index = 0; index < 40; index++) {
        time += 70 + 60 * random(); // 100 ms ± 30 %
        const value = index >= 10 && index < 35 ? 95 : 10;
        if (value === 95 && firstOver < 0) firstOver = index;
        const fired = evaluator.push({ time, cpuUser: value, cpuSystem: 0 }).find((event) => event.kind === 'fired');
        // At ≥ 70 ms a reading, 1 s has passed by the 16th reading of the crossing.
        if (!fired) continue;
        firings++;
        expect(index - firstOver + 1).toBeLessThanOrEqual(Math.ceil(1000 / 70) + 1);
      }
      time += 120_000; // past the cooldown
    }
    expect(firings).toBe(200);
  });

  it('never fires a duration rule on a shorter episode', () => {
    expect(feed([rule('cpu>90%:10s')], step(10), 1000)).toEqual([]);
  });
});

describe('AlertEvaluator episodes', () => {
  it('makes one episode one alert, with its evidence, and clears it', () => {
    const events = feed([rule('cpu>90%:2s')], [10, 95, 97, 99, 96, 95, 10], 1000);
    expect(events.map(({ index, event }) => [index, event.kind])).toEqual([
      [3, 'fired'],
      [6, 'cleared'],
    ]);
    expect(events[0]!.event).toMatchObject({ value: 99, threshold: 90, since: 1_001_000, peak: 99 });
    expect(events[1]!.event).toMatchObject({ value: 10, since: 1_001_000, peak: 99 });
  });

  it('waits out the cooldown before a second episode fires', () => {
    // Episodes every 10 s with a 30 s cooldown: the first fires, then only the one that starts after 30 s.
    const cpu = Array.from({ length: 60 }, (_, index) => (index % 10 < 3 ? 95 : 10));
    const fired = feed([rule('cpu>90%', 30_000)], cpu, 1000).filter(({ event }) => event.kind === 'fired');
    expect(fired.map(({ index }) => index)).toEqual([0, 30]);
  });

  it('fires a held episode once the cooldown passes', () => {
    const cpu = [95, 10, ...Array<number>(10).fill(95)];
    const fired = feed([rule('cpu>90%', 5000)], cpu, 1000).filter(({ event }) => event.kind === 'fired');
    expect(fired.map(({ index }) => index)).toEqual([0, 5]);
  });

  it('compares downwards and keeps the lowest reading as the peak', () => {
    const events = feed([rule('cpu<=20%:1s')], [50, 20, 5, 15, 50], 1000);
    expect(events.map(({ event }) => [event.kind, event.peak])).toEqual([
      ['fired', 5],
      ['cleared', 5],
    ]);
  });

  it('tolerates two unreadable samples, restarts after more, and clears a fired alert on no evidence', () => {
    // Two gaps inside a 3 s episode still count; three restart it.
    expect(feed([rule('cpu>90%:3s')], [95, null, null, 95], 1000)[0]).toMatchObject({ index: 3 });
    expect(feed([rule('cpu>90%:3s')], [95, null, null, null, 95, 95], 1000)).toEqual([]);
    const events = feed([rule('cpu>90%')], [95, null, null, null], 1000);
    expect(events.map(({ index, event }) => [index, event.kind, event.value])).toEqual([
      [0, 'fired', 95],
      [3, 'cleared', null],
    ]);
  });

  it('evaluates every rule on every sample, and cpu needs both of its parts', () => {
    const evaluator = new AlertEvaluator([rule('cpu>150%'), rule('fds>900'), rule('rss>1GB')]);
    expect(
      evaluator.push({ time: 0, cpuUser: 100, cpuSystem: 60, fileDescriptors: 901, rss: 5 }).map((e) => e.rule.metric),
    ).toEqual(['cpu', 'fileDescriptors']);
    expect(new AlertEvaluator([rule('cpu>50%')]).push({ time: 0, cpuUser: 100, cpuSystem: null })).toEqual([]);
  });

  it("keeps an unchanged rule's episode when the rules are edited while recording", () => {
    const evaluator = new AlertEvaluator([rule('cpu>90%'), rule('fds>900')]);
    const busy = (time: number): WatchSample => ({ time, cpuUser: 95, cpuSystem: 0, fileDescriptors: 950 });
    expect(evaluator.push(busy(0)).map((event) => event.rule.text)).toEqual(['cpu>90%', 'fds>900']);
    // The cpu rule is kept as it was; the fds rule's threshold changes, so it starts afresh and fires.
    evaluator.setRules([rule(' cpu > 90% '), rule('fds>940')]);
    expect(evaluator.push(busy(1000)).map((event) => event.rule.text)).toEqual(['fds>940']);
    // The kept rule carries its new text in its events.
    const cleared = evaluator.push({ time: 2000, cpuUser: 5, cpuSystem: 0, fileDescriptors: 950 });
    expect(cleared.map((event) => [event.kind, event.rule.text])).toEqual([['cleared', 'cpu > 90%']]);
  });
});

describe('AlertEvaluator.nextDecision', () => {
  const at = (time: number, cpuUser: number): WatchSample => ({ time, cpuUser, cpuSystem: 0 });

  it('is when a held condition will have held long enough, and nothing once it fired or broke', () => {
    const evaluator = new AlertEvaluator([rule('cpu>90%:10s'), rule('cpu>50%:3s')]);
    evaluator.push(at(0, 20));
    expect(evaluator.nextDecision()).toBeNull();
    evaluator.push(at(1_000, 95));
    // Both hold from 1 s: the 3 s rule is due first.
    expect(evaluator.nextDecision()).toBe(4_000);
    for (let time = 2_000; time <= 4_000; time += 1_000) evaluator.push(at(time, 95));
    expect(evaluator.nextDecision()).toBe(11_000);
    evaluator.push(at(5_000, 10));
    expect(evaluator.nextDecision()).toBeNull();
  });

  it('waits for the cooldown of a rule that fired before', () => {
    const evaluator = new AlertEvaluator([rule('cpu>90%', 60_000)]);
    expect(evaluator.push(at(0, 95))).toHaveLength(1);
    evaluator.push(at(1_000, 10));
    evaluator.push(at(2_000, 95));
    expect(evaluator.nextDecision()).toBe(60_000);
  });
});
