// `thermograph import` on profile files made by other tools, and on files built to hurt: the real
// bin (out/main/cli.js) on a throwaway database, as a user runs it.

import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliDatabase } from './cli-harness';

// Generous: every import here takes a second or two. The hostile files took minutes before their fixes.
const harness = useCliDatabase(50_000);

interface ImportedSession {
  id: number;
  target: { format: string };
  profiles: { kind: string; weightUnit: string; tool: string; sampleCount: number; totalWeight: number }[];
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
