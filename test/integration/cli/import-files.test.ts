// `thermograph import` on profile files made by other tools, and on files built to hurt: the real
// bin (out/main/cli.js) on a throwaway database, as a user runs it.

import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collidingFolded, collidingStackKeys } from '../../helpers/colliding-stacks';
import { useCliDatabase } from './cli-harness';

const fixtures = resolve(__dirname, '../../fixtures/profiles');

// Generous: every import here takes a second or two. The hostile files took minutes before their fixes.
const harness = useCliDatabase(50_000);

interface ImportedSession {
  id: number;
  target: { format: string };
  profiles: {
    kind: string;
    weightUnit: string;
    tool: string;
    sampleCount: number;
    totalWeight: number;
    threads: { name: string; sampleCount: number }[];
  }[];
}

/** Runs `thermograph import FILE --json`; returns the session, or fails with what the bin printed. */
function importFile(path: string): ImportedSession {
  const result = harness.run('import', [path, '--json']);
  expect(result.code, `exit ${String(result.code)}: ${result.stderr}`).toBe(0);
  return (JSON.parse(result.stdout) as { session: ImportedSession }).session;
}

/** Runs `thermograph import FILE` expecting a refusal; returns what it printed on stderr. */
function refusal(path: string): string {
  const result = harness.run('import', [path, '--json']);
  expect(result.code, `exit ${String(result.code)}: ${result.stdout}${result.stderr}`).toBe(1);
  return result.stderr;
}

/** The hotspot rows of a session: function names with self weight, heaviest first. */
function hotspots(sessionId: number): { name: string; self: number; selfSamples: number; totalWeight: number }[] {
  const result = harness.run('hotspots', [String(sessionId), '--top', '50', '--json']);
  expect(result.code, result.stderr).toBe(0);
  const table = (
    JSON.parse(result.stdout) as {
      hotspots: {
        totalWeight: number;
        rows: { frame: number; self: number; selfSamples: number }[];
        frames: { name: string }[];
      };
    }
  ).hotspots;
  return table.rows.map((row) => ({
    name: table.frames[row.frame]!.name,
    self: row.self,
    selfSamples: row.selfSamples,
    totalWeight: table.totalWeight,
  }));
}

/**
 * A .cpuprofile whose call frames all have the same length and the same first and last 32 bytes:
 * they differ only in the middle of the URL, which defeated a hash of the ends.
 */
function collidingCpuProfile(frames: number): string {
  const padding = 'a'.repeat(40);
  const digits = (value: number) => String(value).padStart(8, '0');
  const nodes: unknown[] = [
    { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 } },
  ];
  const children: number[] = [];
  for (let index = 0; index < frames; index++) {
    children.push(index + 2);
    const url = `file:///${padding}${digits(index)}${padding}.js`;
    const callFrame = { functionName: 'work', scriptId: digits(index + 1), url, lineNumber: 1, columnNumber: 1 };
    nodes.push({ id: index + 2, callFrame, hitCount: 1 });
  }
  (nodes[0] as { children: number[] }).children = children;
  return JSON.stringify({
    nodes,
    startTime: 0,
    endTime: (frames + 1) * 1000,
    samples: children,
    timeDeltas: children.map(() => 1000),
  });
}

describe('thermograph import: off the engine thread', () => {
  it('parses in the built worker (the bundle once looked for it in out/main/chunks/ and parsed on the main thread)', () => {
    const result = harness.run('import', [join(fixtures, 'perf/node-default-fields.txt'), '--json'], {
      NODE_DEBUG: 'worker',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/create new worker .*out\/main\/import-worker\.js/);
  });
});

describe('thermograph import: files built to hurt', () => {
  it('imports a .cpuprofile of 80,000 call frames that differ only in the middle (was quadratic: minutes)', () => {
    const path = join(harness.folder, 'colliding.cpuprofile');
    writeFileSync(path, collidingCpuProfile(80_000));
    const session = importFile(path);
    expect(session.target.format).toBe('cpuprofile');
    expect(session.profiles[0]!.sampleCount).toBe(80_000);
    const rows = hotspots(session.id);
    // Every frame is its own function (its own script), each with one 1 ms sample.
    expect(rows).toHaveLength(50);
    expect(rows.every((row) => row.name === 'work' && row.self === 1)).toBe(true);
  });

  it('imports folded stacks chosen to collide in the stack table (its unseeded hash took 9 minutes)', () => {
    // 65,536 frames, then 400,000 (parent, frame) pairs that the old hash put in 160 adjacent slots.
    const stacks = collidingStackKeys(16, 20, 160, 400_000);
    const path = join(harness.folder, 'colliding-stacks.folded');
    writeFileSync(path, collidingFolded(stacks));
    const session = importFile(path);
    expect(session.target.format).toBe('folded');
    expect(session.profiles[0]!.sampleCount).toBe(65_536 + 400_000);
    // Each line is one sample of its last frame: the busiest frame is the one most pairs end in.
    const leafCounts = new Map<number, number>();
    for (const frame of stacks.frames) leafCounts.set(frame, (leafCounts.get(frame) ?? 0) + 1);
    const most = Math.max(...leafCounts.values());
    const top = hotspots(session.id)[0]!;
    expect(leafCounts.get(Number.parseInt(top.name.slice(1), 36))).toBe(most);
    expect(top.self).toBe(most + 1);
  });

  it('refuses a gzip bomb of text at the 2 GiB cap, having read a fraction of the file (was 140 s and 5 GB)', () => {
    // Gzip members may follow one another (RFC 1952 §2.2): 16,384 members of 1 MiB of folded lines
    // each are 16 GiB of text in 34 MB, which gunzip inflates whole.
    const member = gzipSync(Buffer.alloc(1024 * 1024, 'main;work 1\n'), { level: 9 });
    const path = join(harness.folder, 'bomb.folded.gz');
    writeFileSync(path, Buffer.concat(Array.from({ length: 16_384 }, () => member)));
    const message = refusal(path);
    expect(message).toContain('bomb.folded.gz decompresses to more than 2 GiB');
    expect(message).toMatch(/decompress it with gunzip and import the result/);
    // 2 GiB of text is 4.3 MB of this file; reading runs at most a few 1 MiB chunks ahead.
    const read = /stopped reading it after ([\d.]+) MiB of its ([\d.]+) MiB/.exec(message);
    expect(read, message).not.toBeNull();
    expect(Number(read![1])).toBeLessThan(10);
    expect(Number(read![2])).toBeGreaterThan(30);
  });
});

interface TraceEvent {
  name: string;
  id?: string;
  pid: number;
  tid: number;
  ph: string;
  args: { data?: { timeDeltas?: number[] } };
}

/** The real Chromium trace (an array of events), parsed. */
function chromiumTrace(): TraceEvent[] {
  const path = join(fixtures, 'chrome-trace/chromium-worker.trace.json.gz');
  return JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as TraceEvent[];
}

/** Writes JSON into the test's folder and returns the path. */
function writeJson(name: string, value: unknown): string {
  const path = join(harness.folder, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('thermograph import: Chrome DevTools traces', () => {
  it('reads a real Chromium trace saved as an array, its profiles 500 KB in, and names its threads', () => {
    const session = importFile(join(fixtures, 'chrome-trace/chromium-worker.trace.json.gz'));
    expect(session.target.format).toBe('cpuprofile');
    const threads = session.profiles[0]!.threads.map((thread) => thread.name).sort();
    expect(threads).toEqual(['CrRendererMain', 'DedicatedWorker thread']);
    const busy = hotspots(session.id).filter((row) => row.name !== '(idle)');
    expect(busy[0]!.name).toBe('hotFunction');
  });

  it('clamps the negative time deltas V8 writes instead of refusing the trace', () => {
    const events = chromiumTrace();
    const negative = events.flatMap((event) => event.args.data?.timeDeltas ?? []).filter((delta) => delta < 0);
    expect(negative.length).toBeGreaterThan(0);
    // The form DevTools saves today: {"metadata", "traceEvents"}.
    const session = importFile(
      writeJson('object-form.json', { metadata: { source: 'DevTools' }, traceEvents: events }),
    );
    expect(session.profiles[0]!.threads).toHaveLength(2);
    expect(session.profiles[0]!.sampleCount).toBeGreaterThan(5_000);
  });

  it('skips the chunks of a profile whose Profile event is missing, and says so when none is left', () => {
    const events = chromiumTrace();
    // The main thread's (the worker has no negative deltas, so nothing else stops the old code).
    const main = events.find((event) => event.name === 'Profile' && event.id === '0x1')!;
    // The object form, which was detected before too: the missing event is what this checks.
    const withoutStart = { traceEvents: events.filter((event) => event !== main) };
    const session = importFile(writeJson('no-main-start.json', withoutStart));
    expect(session.profiles[0]!.threads.map((thread) => thread.name)).toEqual(['DedicatedWorker thread']);

    const noStarts = writeJson('no-starts.json', { traceEvents: events.filter((event) => event.name !== 'Profile') });
    expect(refusal(noStarts)).toMatch(/no-starts\.json has \d+ V8 CPU profile chunks but no "Profile" event/);
  });

  it('reads the CpuProfile event of Chrome 68 and older traces', () => {
    const profile = JSON.parse(readFileSync(join(fixtures, 'cpuprofile/node-hot.cpuprofile'), 'utf8')) as unknown;
    const trace = [
      { name: 'thread_name', ph: 'M', pid: 9, tid: 9, ts: 0, args: { name: 'CrRendererMain' } },
      { name: 'RunTask', ph: 'X', pid: 9, tid: 9, ts: 5, dur: 10, args: {} },
      { name: 'CpuProfile', ph: 'I', pid: 9, tid: 9, ts: 20, args: { data: { cpuProfile: profile } } },
    ];
    const session = importFile(writeJson('chrome-68.json', trace));
    expect(session.profiles[0]!.threads.map((thread) => thread.name)).toEqual(['CrRendererMain']);
    expect(hotspots(session.id)[0]!.name).toBe('hotFunction');
  });
});

interface CdpNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * A real node --cpu-prof profile rewritten in the head-tree form of older DevTools: nested nodes with
 * their call frame fields (1-based lines), start and end in seconds, absolute timestamps.
 */
function headTreeProfile(): unknown {
  const profile = JSON.parse(readFileSync(join(fixtures, 'cpuprofile/node-hot.cpuprofile'), 'utf8')) as {
    nodes: CdpNode[];
    startTime: number;
    endTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const legacy = (node: CdpNode): Record<string, unknown> => ({
    functionName: node.callFrame.functionName,
    scriptId: node.callFrame.scriptId,
    url: node.callFrame.url,
    lineNumber: node.callFrame.lineNumber + 1,
    columnNumber: node.callFrame.columnNumber + 1,
    hitCount: node.hitCount ?? 0,
    callUID: node.id,
    id: node.id,
    children: (node.children ?? []).map((child) => legacy(byId.get(child)!)),
  });
  let time = profile.startTime;
  return {
    head: legacy(profile.nodes[0]!),
    startTime: profile.startTime / 1e6,
    endTime: profile.endTime / 1e6,
    samples: profile.samples,
    timestamps: profile.timeDeltas.map((delta) => (time += delta)),
  };
}

/** The share of the total weight and of the samples of each function's self time, by name. */
function shares(sessionId: number): Map<string, { weight: number; samples: number }> {
  const rows = hotspots(sessionId);
  const samples = rows.reduce((sum, row) => sum + row.selfSamples, 0);
  return new Map(
    rows.map((row) => [row.name, { weight: row.self / row.totalWeight, samples: row.selfSamples / samples }]),
  );
}

describe('thermograph import: real variants that were refused as "not a profile format"', () => {
  it('reads perf script without timestamps (perf script -F comm,pid,tid,ip,sym,dso), as FlameGraph does', () => {
    const session = importFile(join(fixtures, 'perf/native-hot-no-time.txt'));
    expect(session.target.format).toBe('perf-script');
    expect(session.profiles[0]!).toMatchObject({ weightUnit: 'samples', sampleCount: 150 });
    expect(hotspots(session.id)[0]!.name).toBe('hot_function');
  });

  it("reads perf script text whose headers are separated by tabs (Android simpleperf's report_sample.py)", () => {
    const session = importFile(join(fixtures, 'perf/simpleperf-layout.txt'));
    expect(session.profiles[0]!).toMatchObject({ weightUnit: 'milliseconds', sampleCount: 160 });
    const names = hotspots(session.id).map((row) => row.name);
    expect(names).toContain('hot_function');
    // Kernel frames come flush left ('%16x'): they are frames, not garbage.
    expect(names).toContain('chacha_permute');
    expect(session.profiles[0]!.threads.map((thread) => thread.name).sort()).toEqual(['gzip', 'head', 'native-hot']);
  });

  it('skips a malformed line of a folded file, as flamegraph.pl does, and says so', () => {
    const result = harness.run('import', [join(fixtures, 'folded/perf-go-hot-torn-line.folded'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const session = (JSON.parse(result.stdout) as { session: ImportedSession & { endMessage: string } }).session;
    expect(session.endMessage).toMatch(/1 malformed line was skipped \(the first line 3: "hot;runtime\.goexit/);
    expect(hotspots(session.id)[0]!.name).toBe('main.hotLoop');
  });

  it('reads UTF-16 text with a byte-order mark (what PowerShell writes)', () => {
    const session = importFile(join(fixtures, 'folded/perf-go-hot-utf16.folded'));
    expect(session.target.format).toBe('folded');
    expect(hotspots(session.id)[0]!.name).toBe('main.hotLoop');
  });

  it('reads the older head-tree .cpuprofile form', () => {
    const session = importFile(writeJson('head-tree.cpuprofile', headTreeProfile()));
    expect(session.target.format).toBe('cpuprofile');
    const rows = hotspots(session.id);
    expect(rows[0]!.name).toBe('hotFunction');
    // The same weights as the flat form it was made from.
    const flat = importFile(join(fixtures, 'cpuprofile/node-hot.cpuprofile'));
    expect(hotspots(flat.id)[0]!.self).toBeCloseTo(rows[0]!.self, 6);
  });

  it('says what is wrong with a file in a format it reads', () => {
    const folded = join(harness.folder, 'broken.folded');
    writeFileSync(folded, 'main;work 1\nmain;work;more 2\nmain;work\n');
    // The line without a count is skipped; the counts of the others are samples (1 + 2).
    expect(importFile(folded).profiles[0]!.sampleCount).toBe(3);
    const perf = join(harness.folder, 'headers-only.txt');
    writeFileSync(perf, 'app 7/7 1.000000: 1000000 cpu-clock: \n\napp 7/7 1.001000: 1000000 cpu-clock: \n\n');
    expect(refusal(perf)).toMatch(/headers-only\.txt holds no perf sample with a call stack/);
  });
});

describe('thermograph import: perf script weights', () => {
  it('weighs samples of an event without a time period one each: shares are shares of samples', () => {
    // page-faults without the period field: weighting by time gaps gave elf_load 73% of the weight
    // for 3% of the samples.
    const session = importFile(join(fixtures, 'perf/page-faults-no-period.txt'));
    expect(session.profiles[0]!.weightUnit).toBe('samples');
    for (const [name, share] of shares(session.id)) expect(share.weight, name).toBeCloseTo(share.samples, 9);
  });

  it('keeps one event of a file that recorded two, and names the one left out', () => {
    const result = harness.run('import', [join(fixtures, 'perf/cpu-clock-and-page-faults.txt.gz'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const session = (JSON.parse(result.stdout) as { session: ImportedSession & { endMessage: string } }).session;
    expect(session.endMessage).toMatch(
      /Only the cpu-clock event is shown \(183 samples\); page-faults \(117 samples\)/,
    );
    // cpu-clock's period is nanoseconds: time weights, 183 samples of 2.004 ms.
    expect(session.profiles[0]!).toMatchObject({ weightUnit: 'milliseconds', sampleCount: 183 });
    expect(session.profiles[0]!.totalWeight).toBeCloseTo(183 * 2.004008, 3);
  });
});
