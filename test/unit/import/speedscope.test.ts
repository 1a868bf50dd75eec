import { describe, expect, it } from 'vitest';
import { importInputFromBytes, openImportInput } from '../../../src-main/import/read-input';
import { importSpeedscope, isSpeedscope } from '../../../src-main/import/speedscope';
import { frameKinds } from '../../../src-shared/profile/profile';
import { foldedSummary } from '../../helpers/profile-text';

const fixtures = new URL('../../fixtures/profiles/speedscope/', import.meta.url).pathname;
const options = { fallbackStartTime: 1_700_000_000_000 };
const schema = 'https://www.speedscope.app/file-format-schema.json';

async function importJson(value: unknown) {
  return importSpeedscope(
    await importInputFromBytes('test.speedscope.json', Buffer.from(JSON.stringify(value))),
    options,
  );
}

describe('speedscope', () => {
  it('detects the schema in the head, not other JSON', () => {
    expect(isSpeedscope(Buffer.from(`{\n  "$schema": "${schema}", "shared": {}}`))).toBe(true);
    expect(isSpeedscope(Buffer.from('{"nodes":[],"samples":[]}'))).toBe(false);
    expect(isSpeedscope(Buffer.from(`a;b 1 "$schema": "${schema}"`))).toBe(false);
  });

  it('imports sampled and evented profiles as two threads of one time profile', async () => {
    const profiles = await importSpeedscope(
      await openImportInput(`${fixtures}sampled-and-evented.speedscope.json`),
      options,
    );
    expect(profiles).toHaveLength(1);
    const [profile] = profiles;
    expect(profile!.weightUnit).toBe('milliseconds');
    expect(profile!.threads.map((thread) => thread.name)).toEqual(['main thread', 'worker']);
    expect(foldedSummary(profile!, { thread: 0 })).toBe('main 1\nmain;parse 6\nmain;render 3');
    // Evented (µs): worker_loop 1000–9000 with hash open 2000–6000 and 7000–8500.
    expect(foldedSummary(profile!, { thread: 1 })).toBe('worker_loop 2.5\nworker_loop;hash 5.5');
    expect(profile!.durationMs).toBe(10);
    const times = [...profile!.samples.time];
    expect(times).toEqual([0, 1, 2, 2, 4, 6, 7, 7, 8, 8.5]);
    const parse = [...profile!.frames.name].indexOf(profile!.strings.indexOf('parse'));
    expect(profile!.frames.line[parse]).toBe(10);
    expect(profile!.frames.column[parse]).toBe(3);
    expect(frameKinds[profile!.frames.kind[parse]!]).toBe('js');
  });

  it('splits bytes and "none" units into an allocation and a sample-count profile', async () => {
    const profiles = await importSpeedscope(
      await openImportInput(`${fixtures}bytes-and-none.speedscope.json`),
      options,
    );
    expect(profiles.map((profile) => [profile.kind, profile.weightUnit])).toEqual([
      ['allocation', 'bytes'],
      ['cpu', 'samples'],
    ]);
    expect(foldedSummary(profiles[0]!)).toBe('main 1024\nmain;alloc_buffer 3072');
    expect(foldedSummary(profiles[1]!)).toBe('main 1\nmain;idle_poll 4');
  });

  it('converts nanoseconds and seconds to milliseconds', async () => {
    const base = { $schema: schema, shared: { frames: [{ name: 'f' }] } };
    const sampled = (unit: string) => ({
      type: 'sampled',
      name: unit,
      unit,
      startValue: 0,
      endValue: 1,
      samples: [[0]],
      weights: [1],
    });
    const [profile] = await importJson({ ...base, profiles: [sampled('nanoseconds'), sampled('seconds')] });
    expect(foldedSummary(profile!, { thread: 0, decimals: 6 })).toBe('f 0.000001');
    expect(foldedSummary(profile!, { thread: 1 })).toBe('f 1000');
  });

  it('says where the file breaks the schema', async () => {
    const base = { $schema: schema, shared: { frames: [{ name: 'f' }] } };
    const sampled = { type: 'sampled', name: 'p', unit: 'milliseconds', startValue: 0, endValue: 1 };
    const cases: [unknown, RegExp][] = [
      [{ $schema: schema }, /"shared\.frames" is missing/],
      [{ ...base, profiles: [] }, /"profiles" is missing or empty/],
      [{ ...base, profiles: [{ ...sampled, unit: 'parsecs' }] }, /profiles\[0\]\.unit is "parsecs"/],
      [{ ...base, profiles: [{ ...sampled, samples: [[3]], weights: [1] }] }, /samples\[0\]\[0\] refers to frame 3/],
      [{ ...base, profiles: [{ ...sampled, samples: [[0]], weights: [-1] }] }, /weights\[0\] is -1/],
      [{ ...base, profiles: [{ ...sampled, samples: [[0]], weights: [] }] }, /same length/],
      [
        { ...base, profiles: [{ ...sampled, type: 'evented', events: [{ type: 'C', frame: 0, at: 1 }] }] },
        /events\[0\] closes a frame/,
      ],
      [
        {
          ...base,
          profiles: [
            {
              ...sampled,
              type: 'evented',
              events: [
                { type: 'O', frame: 0, at: 5 },
                { type: 'C', frame: 0, at: 1 },
              ],
            },
          ],
        },
        /goes back in time/,
      ],
    ];
    for (const [value, pattern] of cases) {
      await expect(importJson(value)).rejects.toMatchObject({
        code: 'invalid-profile',
        message: expect.stringMatching(
          new RegExp(`test\\.speedscope\\.json is not a valid speedscope file: .*${pattern.source}`),
        ),
      });
    }
  });
});
