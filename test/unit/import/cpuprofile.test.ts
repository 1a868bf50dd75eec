import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ThermographError } from '../../../src-shared/api/errors';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { frameKinds, stringAt, totalWeight, type Profile } from '../../../src-shared/profile/profile';
import { appendHeapProfile, cpuProfileImporter, type CdpProfile } from '../../../src-main/import/cpuprofile';
import { importInputFromBytes, openImportInput } from '../../../src-main/import/read-input';

const fixtures = path.resolve(__dirname, '../../fixtures/profiles/cpuprofile');
const startTime = 1_700_000_000_000;

async function importFixture(name: string): Promise<Profile> {
  const [profile] = await cpuProfileImporter.import(await openImportInput(path.join(fixtures, name)), {
    fallbackStartTime: startTime,
  });
  return profile!;
}

async function importJson(value: unknown, name = 'test.cpuprofile'): Promise<Profile[]> {
  const input = await importInputFromBytes(name, Buffer.from(JSON.stringify(value)));
  return cpuProfileImporter.import(input, { fallbackStartTime: startTime });
}

function readFixture(name: string): CdpProfile {
  return JSON.parse(readFileSync(path.join(fixtures, name), 'utf8')) as CdpProfile;
}

/** Self weight by "name kind". */
function selfWeights(profile: Profile): Map<string, number> {
  const weights = new Map<string, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const frame = profile.stacks.frame[profile.samples.stack[index]!]!;
    const key = `${stringAt(profile, profile.frames.name[frame]!)} ${frameKinds[profile.frames.kind[frame]!]}`;
    weights.set(key, (weights.get(key) ?? 0) + profile.samples.weight[index]!);
  }
  return weights;
}

/** "root;…;leaf weight" lines for every distinct stack, heaviest first. */
function folded(profile: Profile): string[] {
  const byStack = new Map<number, number>();
  for (let index = 0; index < profile.samples.length; index++) {
    const stack = profile.samples.stack[index]!;
    byStack.set(stack, (byStack.get(stack) ?? 0) + profile.samples.weight[index]!);
  }
  const names = (stack: number): string[] => {
    const list: string[] = [];
    for (let at = stack; at !== -1; at = profile.stacks.parent[at]!)
      list.unshift(stringAt(profile, profile.frames.name[profile.stacks.frame[at]!]!)!);
    return list;
  };
  return [...byStack]
    .sort((left, right) => right[1] - left[1])
    .map(([stack, weight]) => `${names(stack).join(';')} ${Math.round(weight)}`);
}

async function expectInvalid(value: unknown, message: RegExp): Promise<void> {
  const error = await importJson(value).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ThermographError);
  expect((error as ThermographError).code).toBe('invalid-profile');
  expect((error as ThermographError).message).toMatch(message);
  expect((error as ThermographError).message).toContain('test.cpuprofile');
}

const frame = (functionName: string, url = 'file:///app.js') => ({
  functionName,
  scriptId: '1',
  url,
  lineNumber: 0,
  columnNumber: 0,
});

describe('.cpuprofile import of real node --cpu-prof files', () => {
  it('puts the planted hot function on top, weighted by time in milliseconds', async () => {
    const profile = await importFixture('node-hot.cpuprofile');
    const raw = readFixture('node-hot.cpuprofile');
    expect(profile.kind).toBe('cpu');
    expect(profile.weightUnit).toBe('milliseconds');
    expect(profile.startTime).toBe(startTime);
    const self = [...selfWeights(profile)]
      .filter(([key]) => key.endsWith(' js'))
      .sort((left, right) => right[1] - left[1]);
    expect(self[0]![0]).toBe('hotFunction js');
    expect(self[1]![0]).toBe('coldFunction js');
    const share = self[0]![1] / (self[0]![1] + self[1]![1]);
    expect(share).toBeGreaterThan(0.55);
    expect(share).toBeLessThan(0.85);
    // Every sample weighs the time to the next one, the last one until endTime.
    expect(totalWeight(profile)).toBeCloseTo((raw.endTime! - raw.startTime - raw.timeDeltas[0]!) / 1000, 6);
  });

  it('maps special nodes to kinds, drops (root), and stores 1-based positions with file paths', async () => {
    const profile = await importFixture('node-hot.cpuprofile');
    const self = selfWeights(profile);
    expect(self.has('(garbage collector) gc')).toBe(true);
    expect([...self.keys()].some((key) => key.startsWith('(root)'))).toBe(false);
    const names = profile.frames.name.map((name) => name);
    const hot = [...names].findIndex((name) => stringAt(profile, name) === 'hotFunction');
    const raw = readFixture('node-hot.cpuprofile').nodes.find((node) => node.callFrame.functionName === 'hotFunction')!;
    expect(profile.frames.line[hot]).toBe(raw.callFrame.lineNumber! + 1);
    expect(profile.frames.column[hot]).toBe(raw.callFrame.columnNumber! + 1);
    expect(
      readFileSync(stringAt(profile, profile.frames.file[hot]!)!, 'utf8').split('\n')[profile.frames.line[hot]! - 1],
    ).toContain('function hotFunction(');
    const builtin = [...names].findIndex(
      (name, index) => profile.frames.module[index] !== -1 && stringAt(profile, name) !== null,
    );
    expect(stringAt(profile, profile.frames.module[builtin]!)).toBe('node');
  });

  it('keeps frames named __proto__, constructor and hasOwnProperty', async () => {
    const profile = await importFixture('tricky-names.cpuprofile');
    const lines = folded(profile).filter((line) => line.includes(';spin '));
    const callers = new Set(lines.map((line) => line.split(';').at(-2)));
    expect(callers).toEqual(new Set(['__proto__', 'constructor', 'hasOwnProperty']));
    expect(lines[0]).toMatch(/;__proto__;spin \d+$/);
  });

  it('reads the DevTools trace-event form with chunks and parent ids like the .cpuprofile', async () => {
    const raw = readFixture('node-hot.cpuprofile');
    const withParents = raw.nodes.map(({ id, callFrame }) => ({
      id,
      callFrame,
      parent: raw.nodes.find((node) => node.children?.includes(id))?.id,
    }));
    const half = Math.floor(raw.samples.length / 2);
    const chunk = (from: number, to: number, nodes: unknown[]) => ({
      pid: 7,
      tid: 7,
      ph: 'P',
      name: 'ProfileChunk',
      id: '0x1',
      args: {
        data: {
          cpuProfile: { nodes, samples: raw.samples.slice(from, to) },
          timeDeltas: raw.timeDeltas.slice(from, to),
        },
      },
    });
    const trace = {
      traceEvents: [
        { pid: 7, tid: 7, ph: 'X', name: 'RunTask', args: {} },
        { pid: 7, tid: 7, ph: 'P', name: 'Profile', id: '0x1', args: { data: { startTime: raw.startTime } } },
        chunk(0, half, withParents.slice(0, 10)),
        chunk(half, raw.samples.length, withParents.slice(10)),
      ],
    };
    expect(cpuProfileImporter.detect(Buffer.from(JSON.stringify(trace)))).toBe(true);
    const [fromTrace] = await importJson(trace, 'trace.json');
    const direct = await importFixture('node-hot.cpuprofile');
    expect(folded(fromTrace!).slice(0, 5)).toEqual(folded(direct).slice(0, 5));
    expect(fromTrace!.threads).toEqual([{ name: 'pid 7 tid 7', tid: 7 }]);
  });

  it('detects .cpuprofile content but not speedscope or folded files', () => {
    expect(cpuProfileImporter.detect(readFileSync(path.join(fixtures, 'node-hot.cpuprofile')).subarray(0, 4096))).toBe(
      true,
    );
    expect(
      cpuProfileImporter.detect(
        Buffer.from('{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{}}'),
      ),
    ).toBe(false);
    expect(cpuProfileImporter.detect(Buffer.from('main;work 10\n'))).toBe(false);
  });
});

describe('.cpuprofile edge cases', () => {
  it('imports a 100,000-deep chain without overflowing the call stack', async () => {
    const depth = 100_000;
    const nodes = [{ id: 1, callFrame: frame('(root)', ''), children: [2] }];
    for (let id = 2; id <= depth + 1; id++)
      nodes.push({ id, callFrame: frame(`f${id % 7}`), children: id <= depth ? [id + 1] : [] });
    const [profile] = await importJson({
      nodes,
      startTime: 0,
      endTime: 3000,
      samples: [depth + 1, 2],
      timeDeltas: [1000, 1000],
    });
    let stackDepth = 0;
    for (let stack = profile!.samples.stack[0]!; stack !== -1; stack = profile!.stacks.parent[stack]!) stackDepth++;
    expect(stackDepth).toBe(depth);
    expect([...profile!.samples.weight]).toEqual([1, 1]);
  });

  it('numbers stacks the same whether a tree comes as ordered or shuffled children lists or as parent ids', async () => {
    const profile = readFixture('node-hot.cpuprofile');
    const withParents = {
      ...profile,
      nodes: profile.nodes.map(({ children: _children, ...node }) => ({
        ...node,
        parent: profile.nodes.find((other) => other.children?.includes(node.id))?.id,
      })),
    };
    const shuffled = {
      ...profile,
      nodes: profile.nodes.map((node) => ({ ...node, children: node.children && [...node.children].reverse() })),
    };
    expect(profile.nodes.some((node) => (node.children?.length ?? 0) > 1)).toBe(true);
    const [listed] = await importJson(profile);
    expect((await importJson(withParents))[0]!.stacks).toEqual(listed!.stacks);
    expect((await importJson(shuffled))[0]!.stacks).toEqual(listed!.stacks);
  });

  it('clamps negative time deltas to 0, as DevTools and speedscope do', async () => {
    const [profile] = await importJson({
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
        { id: 2, callFrame: frame('a'), children: [] },
        { id: 3, callFrame: frame('b'), children: [] },
      ],
      startTime: 0,
      endTime: 40,
      samples: [2, 3, 2],
      timeDeltas: [10, -5, 20],
    });
    // a at 10 until b at 10 (clamped): nothing; b until a at 30: 20 µs; a until the end: 10 µs.
    expect(selfWeights(profile!)).toEqual(
      new Map([
        ['b js', 0.02],
        ['a js', 0.01],
      ]),
    );
  });

  it('detects a trace saved as a bare array of events, whatever its first events are', () => {
    const events = [{ name: 'thread_name', ph: 'M', pid: 1, tid: 1, ts: 0, args: { name: 'CrBrowserMain' } }];
    expect(cpuProfileImporter.detect(Buffer.from(JSON.stringify(events)))).toBe(true);
    expect(cpuProfileImporter.detect(Buffer.from('[{"a": 1}, {"b": 2}]'))).toBe(false);
  });

  it('rejects malformed profiles with invalid-profile and a message that says what is wrong', async () => {
    const good = () => ({
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2] },
        { id: 2, callFrame: frame('main'), children: [] as number[] },
      ],
      startTime: 0,
      endTime: 100,
      samples: [2],
      timeDeltas: [10],
    });
    await expect(importJson(good())).resolves.toHaveLength(1);
    await expectInvalid({ ...good(), nodes: undefined }, /no "nodes"/);
    const missingChild = good();
    missingChild.nodes[1]!.children = [99];
    await expectInvalid(missingChild, /names node 99, which does not exist/);
    const cycle = good();
    cycle.nodes.push({ id: 3, callFrame: frame('a'), children: [4] }, { id: 4, callFrame: frame('b'), children: [3] });
    await expectInvalid(cycle, /cycle/);
    const twoParents = good();
    twoParents.nodes.push({ id: 3, callFrame: frame('a'), children: [2] });
    await expectInvalid(twoParents, /two parents/);
    await expectInvalid({ ...good(), samples: [5] }, /sample 0 names node 5/);
    await expectInvalid({ ...good(), timeDeltas: [] }, /one delta per sample/);
    await expectInvalid({ ...good(), nodes: [{ id: 1 }] }, /functionName/);
    await expectInvalid({ traceEvents: [{ name: 'RunTask' }] }, /no ProfileChunk/);
  });
});

describe('sampling heap profile conversion', () => {
  it('turns each sample into bytes on its allocation stack', () => {
    const builder = new ProfileBuilder({
      kind: 'allocation',
      weightUnit: 'bytes',
      startTime,
      source: { tool: 'node-inspector', requestedIntervalMs: null },
    });
    const total = appendHeapProfile(
      builder,
      {
        head: {
          id: 1,
          callFrame: frame('(root)', ''),
          selfSize: 0,
          children: [
            {
              id: 2,
              callFrame: frame('main'),
              selfSize: 0,
              children: [{ id: 3, callFrame: frame('allocate'), selfSize: 96, children: [] }],
            },
            { id: 4, callFrame: frame('(V8 API)', ''), selfSize: 32, children: [] },
          ],
        },
        samples: [
          { nodeId: 3, size: 64, ordinal: 1 },
          { nodeId: 4, size: 32, ordinal: 2 },
          { nodeId: 3, size: 32, ordinal: 3 },
        ],
      },
      250,
      'test heap profile',
    );
    const profile = builder.build();
    expect(total).toBe(128);
    expect(folded(profile)).toEqual(['main;allocate 96', '(V8 API) 32']);
    expect([...profile.samples.time]).toEqual([250, 250, 250]);
    expect(frameKinds[profile.frames.kind[profile.stacks.frame[profile.samples.stack[1]!]!]!]).toBe('native');
  });
});
