// The .cpuprofile fast path (cpuprofile-scan.ts) against the general JSON.parse path: wherever the
// scanner reads a file, the profile must be identical to the general path's, and wherever it
// declines (returns null), the general path decides. Real files, hand-made shapes that exercise
// every branch, and thousands of mutations.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { Profile } from '../../../src-shared/profile/profile';
import { appendCpuProfile, appendCpuProfileTable, type CpuProfileTiming } from '../../../src-main/import/cpuprofile';
import { scanCpuProfile } from '../../../src-main/import/cpuprofile-scan';
import { mutate } from '../../helpers/mutate-bytes';
import { seededRandom } from '../../helpers/seeded-random';

const fixtures = path.resolve(__dirname, '../../fixtures/profiles/cpuprofile');
const fixtureBytes = readdirSync(fixtures)
  .filter((name) => name.endsWith('.cpuprofile'))
  .map((name) => readFileSync(path.join(fixtures, name)));

type Outcome = { profile: Profile } | { error: string };

function builder(): ProfileBuilder {
  return new ProfileBuilder({
    kind: 'cpu',
    weightUnit: 'milliseconds',
    startTime: 0,
    source: { tool: 'cpuprofile', requestedIntervalMs: null },
  });
}

const timing: CpuProfileTiming = { toProfileTime: (time) => time / 1000, negativeDeltas: 'reject', sourceName: 'x' };

function outcome(append: (target: ProfileBuilder) => void): Outcome {
  const target = builder();
  try {
    append(target);
    return { profile: target.build() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The fast path's outcome, or null when it declined. */
function fast(bytes: Buffer): Outcome | null {
  const table = scanCpuProfile(bytes);
  return table && outcome((target) => appendCpuProfileTable(target, table, timing));
}

function general(bytes: Buffer): Outcome {
  return outcome((target) => appendCpuProfile(target, JSON.parse(bytes.toString('utf8')), timing));
}

const callFrame = (functionName: string, line = 1) => ({
  functionName,
  scriptId: '7',
  url: 'file:///srv/app.js',
  lineNumber: line,
  columnNumber: 4,
});

/** A small valid profile: root → main → {work, "a\"b}"} with a few samples. */
function smallProfile(): Record<string, unknown> {
  return {
    nodes: [
      { id: 1, callFrame: callFrame('(root)', -1), hitCount: 0, children: [2] },
      { id: 2, callFrame: callFrame('main'), hitCount: 1, children: [3, 4] },
      { id: 3, callFrame: callFrame('work', 9), hitCount: 2, positionTicks: [{ line: 10, ticks: 2 }] },
      { id: 4, callFrame: callFrame('a"b}\u00e9\n', 12), hitCount: 1 },
    ],
    startTime: 5_000_000,
    endTime: 5_004_000,
    samples: [3, 3, 4, 2],
    timeDeltas: [1000, 1000, 1000, 500],
  };
}

function bytesOf(value: unknown, indent?: number): Buffer {
  return Buffer.from(JSON.stringify(value, null, indent));
}

describe('.cpuprofile fast path', () => {
  it('reads real node --cpu-prof files exactly as the general path does', () => {
    expect(fixtureBytes.length).toBeGreaterThan(0);
    for (const bytes of fixtureBytes) {
      const result = fast(bytes);
      expect(result).not.toBeNull();
      expect('profile' in result!).toBe(true);
      expect(result).toEqual(general(bytes));
    }
  });

  it('reads a profile of 40,000 nodes as the general path does (its columns sized from the first nodes)', () => {
    const nodes: Record<string, unknown>[] = [{ id: 1, callFrame: callFrame('(root)', -1), children: [] }];
    for (let id = 2; id <= 40_000; id++) {
      // Each node under one of the last few: deep and bushy at once.
      const parent = nodes[Math.max(0, id - 2 - (id % 5))]!;
      ((parent.children ??= []) as number[]).push(id);
      nodes.push({ id, callFrame: callFrame(`f${id % 900}`, id % 37), hitCount: id % 3 });
    }
    const samples = Array.from({ length: 30_000 }, (_, index) => 2 + ((index * 7919) % 39_999));
    const bytes = bytesOf({ nodes, startTime: 0, endTime: 40_000_000, samples, timeDeltas: samples.map(() => 1000) });
    const result = fast(bytes);
    expect(result && 'profile' in result).toBe(true);
    expect(result).toEqual(general(bytes));
  });

  it('handles whitespace, escapes, unknown nested keys, parent ids and any key order', () => {
    const shapes: Record<string, Buffer> = {
      compact: bytesOf(smallProfile()),
      indented: bytesOf(smallProfile(), 2),
      'unknown nested keys': bytesOf({
        meta: { list: [1, { text: ']}"\\' }], flag: true, none: null },
        ...smallProfile(),
      }),
      'keys in another order': bytesOf({
        ...smallProfile(),
        nodes: (smallProfile().nodes as Record<string, unknown>[]).map(({ id, ...rest }) => ({ ...rest, id })),
      }),
      'parent ids instead of children': bytesOf({
        ...smallProfile(),
        nodes: [
          { id: 1, callFrame: callFrame('(root)', -1) },
          { id: 2, callFrame: callFrame('main'), parent: 1 },
          { id: 3, callFrame: callFrame('work', 9), parent: 2 },
          { id: 4, callFrame: callFrame('other', 12), parent: 2 },
        ],
      }),
      'numbers with fractions and exponents': Buffer.from(
        bytesOf(smallProfile())
          .toString()
          .replace('"timeDeltas":[1000,1000,1000,500]', '"timeDeltas":[1e3,1000.0,0.1e4,5E2]'),
      ),
      'a call frame with a nested value': Buffer.from(
        bytesOf(smallProfile()).toString().replace('"functionName":"main"', '"functionName":"main","extra":{"a":[1]}'),
      ),
      'call frames with fields missing, repeated, reordered or of other types': Buffer.from(
        bytesOf(smallProfile())
          .toString()
          .replace('"functionName":"main","scriptId":"7",', '"scriptId":"7","functionName":"main","url":"x",')
          .replace('"functionName":"work","scriptId":"7","url":"file:///srv/app.js",', '"functionName":"work",')
          .replace('"lineNumber":12,', '"lineNumber":"12","__proto__":null,'),
      ),
    };
    for (const [shape, bytes] of Object.entries(shapes)) {
      const result = fast(bytes);
      expect(result, shape).not.toBeNull();
      expect('profile' in result!, shape).toBe(true);
      expect(result, shape).toEqual(general(bytes));
    }
  });

  it('declines what it does not read, so the general path decides', () => {
    const text = bytesOf(smallProfile()).toString();
    const declined: Record<string, string> = {
      'a key twice': text.replace('"startTime"', '"startTime":1,"startTime"'),
      'an escape in a key': text.replace('"hitCount"', '"hit\\u0043ount"'),
      'data after the object': `${text} {}`,
      'a byte-order mark': `\ufeff${text}`,
      'a trace': `{"traceEvents":[],${text.slice(1)}`,
      'a call frame that is not an object': text.replace(/"callFrame":\{[^}]*\}/, '"callFrame":"main"'),
      'a string id': text.replace('"id":2', '"id":"2"'),
      'a fractional id': text.replace('"id":2', '"id":2.5'),
      'no nodes': JSON.stringify({ ...smallProfile(), nodes: [] }),
      'an unterminated document': text.slice(0, -5),
      'a leading zero': text.replace('"hitCount":2', '"hitCount":02'),
    };
    for (const [shape, value] of Object.entries(declined)) {
      expect(scanCpuProfile(Buffer.from(value)), shape).toBeNull();
    }
  });

  it('agrees with the general path on thousands of damaged files', () => {
    const seeds = [...fixtureBytes, bytesOf(smallProfile()), bytesOf(smallProfile(), 1)];
    const random = seededRandom(0x5ca7);
    let taken = 0;
    const disagreements: string[] = [];
    for (let round = 0; round < 3000; round++) {
      const bytes = mutate(seeds[round % seeds.length]!, random);
      const result = fast(bytes);
      if (!result) continue;
      taken++;
      let expected: Outcome;
      try {
        expected = general(bytes);
      } catch (error) {
        expected = { error: `the general path rejects the JSON: ${String(error)}` };
      }
      try {
        expect(result).toEqual(expected);
      } catch {
        if (disagreements.length < 3) disagreements.push(`round ${round}: ${bytes.toString('latin1').slice(0, 400)}`);
      }
    }
    expect(disagreements).toEqual([]);
    // Many mutations keep the file readable by the fast path; a test that never took it proves nothing.
    expect(taken).toBeGreaterThan(300);
  }, 60_000);
});
