import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { stringAt } from '../../../src-shared/profile/profile';

const header = {
  kind: 'cpu',
  weightUnit: 'milliseconds',
  startTime: 1000,
  source: { tool: 'test', requestedIntervalMs: 1 },
} as const;

describe('ProfileBuilder', () => {
  it('deduplicates frames and stacks, and keeps strings such as __proto__ as plain data', () => {
    const builder = new ProfileBuilder(header);
    const proto = builder.frame({ name: '__proto__', kind: 'js', file: 'a.js', line: 3 });
    const again = builder.frame({ name: '__proto__', kind: 'js', file: 'a.js', line: 3 });
    const other = builder.frame({ name: '__proto__', kind: 'js', file: 'a.js', line: 4 });
    expect(again).toBe(proto);
    expect(other).not.toBe(proto);
    const stack = builder.stackOf([proto, other]);
    expect(builder.stackOf([proto, other])).toBe(stack);
    builder.sample(stack, 0, 1);
    const profile = builder.build();
    expect(profile.frames.length).toBe(2);
    expect(profile.stacks.length).toBe(2);
    expect(stringAt(profile, profile.frames.name[0]!)).toBe('__proto__');
    expect(profile.frames.line[1]).toBe(4);
  });

  it('sorts samples by time at build, stably, and measures the duration to the end of the last sample', () => {
    const builder = new ProfileBuilder(header);
    const a = builder.stackOf([builder.frame({ name: 'a', kind: 'native' })]);
    const b = builder.stackOf([builder.frame({ name: 'b', kind: 'native' })]);
    builder.sample(a, 5, 2);
    builder.sample(b, 1, 1);
    builder.sample(a, 1, 3);
    const profile = builder.build();
    expect([...profile.samples.time]).toEqual([1, 1, 5]);
    expect([...profile.samples.stack]).toEqual([b, a, a]);
    expect(profile.durationMs).toBe(7);
  });

  it('drops empty stacks and zero weights, and rejects impossible values with a sentence', () => {
    const builder = new ProfileBuilder(header);
    const a = builder.stackOf([builder.frame({ name: 'a', kind: 'native' })]);
    builder.sample(-1, 0, 1);
    builder.sample(a, 0, 0);
    expect(() => builder.sample(a, Number.NaN, 1)).toThrow(/finite/);
    expect(() => builder.sample(a, 0, -1)).toThrow(/≥ 0/);
    expect(() => builder.sample(99, 0, 1)).toThrow(/does not exist/);
    expect(() => builder.stack(-1, 42)).toThrow(/does not exist/);
    expect(builder.build().samples.length).toBe(0);
  });

  it('builds a 100,000-deep stack without recursion', () => {
    const builder = new ProfileBuilder(header);
    const frames = Array.from({ length: 100_000 }, (_, index) => builder.frame({ name: `f${index % 7}`, kind: 'js' }));
    builder.sample(builder.stackOf(frames), 0, 1);
    expect(builder.build().stacks.length).toBe(100_000);
  });

  it('keeps threads apart and names a default thread', () => {
    const builder = new ProfileBuilder(header);
    const worker = builder.thread('worker', 12);
    expect(builder.thread('worker', 12)).toBe(worker);
    const stack = builder.stackOf([builder.frame({ name: 'a', kind: 'native' })]);
    builder.sample(stack, 0, 1, worker);
    const profile = builder.build();
    expect(profile.threads).toEqual([{ name: 'worker', tid: 12 }]);
    expect(() => new ProfileBuilder(header).build()).not.toThrow();
  });
});
