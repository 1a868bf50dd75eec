import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { noString, stringAt } from '../../../src-shared/profile/profile';

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

  it('tells frames apart by every field, whether their strings come interned or not', () => {
    const builder = new ProfileBuilder(header);
    const base = { name: 'f', kind: 'js', file: 'a.js', line: 3, column: 4, module: 'm' } as const;
    const frame = builder.frame(base);
    const changes = [
      { name: 'g' },
      { kind: 'native' },
      { file: 'b.js' },
      { file: null },
      { line: 5 },
      { column: 6 },
      { module: 'n' },
      { module: null },
    ] as const;
    const others = changes.map((change) => builder.frame({ ...base, ...change }));
    expect(new Set([frame, ...others]).size).toBe(changes.length + 1);
    expect(changes.map((change) => builder.frame({ ...base, ...change }))).toEqual(others);
    const [name, file, module] = ['f', 'a.js', 'm'].map((text) => builder.string(text));
    expect(builder.internedFrame(name!, file!, 3, 4, module!, 'js')).toBe(frame);
    expect(() => builder.internedFrame(999, noString, 0, 0, noString, 'js')).toThrow(/not interned/);
    for (let index = 0; index < 5_000; index++) builder.frame({ name: `n${index % 50}`, kind: 'js', line: index });
    expect(builder.frame({ name: 'n7', kind: 'js', line: 4_007 })).toBe(changes.length + 1 + 4_007);
    expect(builder.build().frames.length).toBe(changes.length + 1 + 5_000);
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

  it('adds samples from columns as it adds them one by one, dropped ones and errors alike', () => {
    const stacks = Int32Array.from([0, -1, 1, 0, 1]);
    const times = Float64Array.from([4, 5, 1, 9, 2]);
    const weights = Float64Array.from([1, 1, 2, 0, 3]);
    const built = (add: (builder: ProfileBuilder) => void) => {
      const builder = new ProfileBuilder(header);
      builder.stackOf([builder.frame({ name: 'a', kind: 'native' }), builder.frame({ name: 'b', kind: 'native' })]);
      const worker = builder.thread('worker', 3);
      builder.sample(0, 0, 1, worker);
      add(builder);
      return builder.build();
    };
    const whole = built((builder) => builder.samples(stacks, times, weights, 0));
    const single = built((builder) =>
      stacks.forEach((stack, index) => builder.sample(stack, times[index]!, weights[index]!)),
    );
    expect(whole).toEqual(single);
    expect(whole.samples.length).toBe(4);
    expect(whole.durationMs).toBe(5);
    // Every sample kept: the columns are copied whole.
    const kept = built((builder) => builder.samples(Int32Array.of(1, 0), Float64Array.of(3, 8), Float64Array.of(1, 1)));
    expect([...kept.samples.stack]).toEqual([0, 1, 0]);
    expect([...kept.samples.thread]).toEqual([0, 0, 0]);
    expect(kept.durationMs).toBe(9);
    const builder = new ProfileBuilder(header);
    expect(() => builder.samples(Int32Array.of(5), Float64Array.of(0), Float64Array.of(1))).toThrow(/does not exist/);
    expect(() => builder.samples(Int32Array.of(-1), Float64Array.of(0), Float64Array.of(Number.NaN))).toThrow(/≥ 0/);
    expect(() => builder.samples(Int32Array.of(-1), Float64Array.of(0, 1), Float64Array.of(1))).toThrow(/one value/);
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
