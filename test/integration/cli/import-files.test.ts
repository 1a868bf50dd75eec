// `thermograph import` on profile files made by other tools, and on files built to hurt: the real
// bin (out/main/cli.js) on a throwaway database, as a user runs it.

import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
