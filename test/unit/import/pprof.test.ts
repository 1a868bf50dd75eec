import { gzipSync } from 'node:zlib';
import {
  Function as PprofFunction,
  Line,
  Location,
  Profile as PprofProfile,
  Sample,
  StringTable,
  ValueType,
} from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { importPprof, isPprof } from '../../../src-main/import/pprof';
import { importInputFromBytes, openImportInput } from '../../../src-main/import/read-input';
import { frameKinds, totalWeight } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const fixtures = new URL('../../fixtures/profiles/pprof/', import.meta.url).pathname;
const options = { fallbackStartTime: 1_700_000_000_000 };

// A hand-made pprof: main → work (with parse inlined into work at one location).
function tinyPprof(
  types: [string, string][],
  values: number[][],
  extra: Partial<ConstructorParameters<typeof PprofProfile>[0]> = {},
) {
  const strings = new StringTable();
  const functions = ['main', 'work', 'parse'].map(
    (name, index) =>
      new PprofFunction({
        id: index + 1,
        name: strings.dedup(name),
        filename: strings.dedup('app.go'),
        startLine: 10 * (index + 1),
      }),
  );
  const locations = [
    new Location({ id: 1, line: [new Line({ functionId: 1, line: 11 })] }),
    new Location({ id: 2, line: [new Line({ functionId: 3, line: 31 }), new Line({ functionId: 2, line: 21 })] }),
  ];
  return new PprofProfile({
    sampleType: types.map(([type, unit]) => new ValueType({ type: strings.dedup(type), unit: strings.dedup(unit) })),
    sample: values.map((value, index) => new Sample({ locationId: index % 2 === 0 ? [2, 1] : [1], value })),
    location: locations,
    function: functions,
    stringTable: strings,
    ...extra,
  }).encode();
}

async function readAll(input: { chunks(): AsyncIterable<Buffer> }): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of input.chunks()) parts.push(chunk);
  return Buffer.concat(parts);
}

async function importBytes(bytes: Uint8Array) {
  return importPprof(await importInputFromBytes('test.pb.gz', Buffer.from(bytes)), options);
}

describe('pprof', () => {
  it('detects pprof protobufs, gzipped or not, and not text', async () => {
    const plain = Buffer.from(tinyPprof([['samples', 'count']], [[1]]));
    expect(isPprof(plain)).toBe(true);
    expect((await importInputFromBytes('x', gzipSync(plain))).head.equals(plain)).toBe(true);
    expect(isPprof(Buffer.from('a;b 1\n'))).toBe(false);
    expect(isPprof(Buffer.from('{"nodes":[]}'))).toBe(false);
    expect(isPprof(plain.subarray(0, plain.length - 1))).toBe(false);
  });

  it('imports a real Go CPU profile: nanoseconds → milliseconds, inline frames expanded', async () => {
    const input = await openImportInput(`${fixtures}go-cpu.pb.gz`);
    expect(isPprof(input.head)).toBe(true);
    const profiles = await importPprof(input, options);
    expect(profiles).toHaveLength(1);
    const [profile] = profiles;
    const raw = PprofProfile.decode(await readAll(input));
    const nanoseconds = raw.sample.reduce((sum, sample) => sum + Number(sample.value[1]), 0);
    expect(profile!.kind).toBe('cpu');
    expect(profile!.weightUnit).toBe('milliseconds');
    expect(profile!.source).toEqual({ tool: 'pprof', requestedIntervalMs: 10 });
    expect(totalWeight(profile!)).toBeCloseTo(nanoseconds / 1e6, 6);
    expect(profile!.startTime).toBeCloseTo(Number(raw.timeNanos) / 1e6, 0);
    expect(profile!.durationMs).toBeCloseTo(Number(raw.durationNanos) / 1e6, 3);
    // main.step is inlined into main.hotLoop: one location, two frames, the inlined one deeper.
    expect(foldedSummary(profile!)).toMatch(/runtime\.main;main\.main;main\.work;main\.hotLoop;main\.step \d+/);
    const file =
      profile!.strings[
        profile!.frames.file[
          profile!.strings.indexOf('main.step') >= 0
            ? [...profile!.frames.name].indexOf(profile!.strings.indexOf('main.step'))
            : 0
        ]!
      ]!;
    expect(file).toMatch(/hot\.go$/);
    // Samples spread over the profile's duration, in order.
    const times = [...profile!.samples.time];
    expect(times).toEqual([...times].sort((left, right) => left - right));
    expect(times.at(-1)!).toBeLessThan(profile!.durationMs);
  });

  it('imports a real Go allocation profile as an allocation profile in bytes (alloc_space)', async () => {
    const input = await openImportInput(`${fixtures}go-allocs.pb.gz`);
    const [profile, ...rest] = await importPprof(input, options);
    expect(rest).toHaveLength(0);
    expect(profile!.kind).toBe('allocation');
    expect(profile!.weightUnit).toBe('bytes');
    const raw = PprofProfile.decode(await readAll(input));
    expect(totalWeight(profile!)).toBe(raw.sample.reduce((sum, sample) => sum + Number(sample.value[1]), 0));
    // One sample per allocated object counted (alloc_objects), so sample counts match pprof's.
    expect(profile!.samples.length).toBe(raw.sample.reduce((sum, sample) => sum + Number(sample.value[0]), 0));
    expect(foldedSummary(profile!)).toMatch(/runtime\.main;main\.main;main\.allocate \d{6,}/);
  });

  it('expands inline lines caller first and merges lines of one function', async () => {
    const [profile] = await importBytes(
      tinyPprof(
        [
          ['samples', 'count'],
          ['cpu', 'nanoseconds'],
        ],
        [
          [1, 2e6],
          [1, 1e6],
          [2, 4e6],
        ],
      ),
    );
    expect(foldedSummary(profile!)).toBe('main 1\nmain;work;parse 6');
    const work = [...profile!.frames.name].indexOf(profile!.strings.indexOf('work'));
    expect(profile!.frames.line[work]).toBe(20);
    expect(frameKinds[profile!.frames.kind[work]!]).toBe('native');
  });

  it('falls back to sample counts, and puts samples at 0 without a duration', async () => {
    const [profile] = await importBytes(tinyPprof([['samples', 'count']], [[3], [2]]));
    expect(profile!.weightUnit).toBe('samples');
    expect(foldedSummary(profile!)).toBe('main 2\nmain;work;parse 3');
    // Each counted sample is one sample of weight 1.
    expect([...profile!.samples.time]).toEqual([0, 0, 0, 0, 0]);
    expect([...profile!.samples.weight]).toEqual([1, 1, 1, 1, 1]);
  });

  it('refuses negative values, unknown sample types and undefined locations with reasons', async () => {
    await expect(importBytes(tinyPprof([['cpu', 'nanoseconds']], [[-5]]))).rejects.toMatchObject({
      code: 'invalid-profile',
      message: expect.stringMatching(/test\.pb\.gz .*negative/),
    });
    await expect(importBytes(tinyPprof([['goroutines', 'furlongs']], [[1]]))).rejects.toMatchObject({
      message: expect.stringMatching(/found: goroutines\/furlongs/),
    });
    const strings = new StringTable();
    const dangling = new PprofProfile({
      sampleType: [new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') })],
      sample: [new Sample({ locationId: [9], value: [1] })],
      stringTable: strings,
    }).encode();
    await expect(importBytes(dangling)).rejects.toMatchObject({ message: expect.stringMatching(/location 9/) });
    await expect(importBytes(Buffer.from([0x0a, 0xff, 0xff, 0x01]))).rejects.toMatchObject({ code: 'invalid-profile' });
  });
});
