// A profile whose frame name is 50 MB (a damaged or hostile file) imports, shows and exports with
// the name cut to its start: before, every view carried the 50 MB and the app took 15 s to open it.
// Files are generated here (a 50 MB fixture would not be committed). Through the built bin.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maximumNameLength } from '../../../src-shared/profile/frame-name';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
const hugeName = 'a'.repeat(50 * 1024 * 1024);

/** Imports `file` with --json; returns the session id and its end message. */
function importFile(file: string): { id: number; endMessage: string } {
  const result = harness.run('import', [file, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { session: { id: number; endMessage: string } }).session;
}

/** The names in a session's hotspot table. */
function hotspotNames(sessionId: number): string[] {
  const result = harness.run('hotspots', [String(sessionId), '--top', '500', '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { hotspots: { frames: { name: string }[] } }).hotspots.frames.map(
    (frame) => frame.name,
  );
}

/** Asserts the session shows the huge name shortened, says so, and exports small. */
function expectShortened(session: { id: number; endMessage: string }): void {
  expect(session.endMessage).toContain('1 name was longer than 4,096 characters and is shown shortened');
  const long = hotspotNames(session.id).filter((name) => name.startsWith('aaaa'));
  expect(long).toEqual([`${'a'.repeat(long[0]!.indexOf('…'))}… (${hugeName.length} characters, shortened)`]);
  expect(long[0]!.length).toBeLessThanOrEqual(maximumNameLength);
  const show = harness.run('show', [String(session.id), '--json']);
  expect(show.code, show.stderr).toBe(0);
  expect(show.stdout.length).toBeLessThan(10_000);
  const out = join(harness.folder, 'exported.folded');
  const exported = harness.run('export', [String(session.id), '--format', 'folded', '--out', out]);
  expect(exported.code, exported.stderr).toBe(0);
  expect(statSync(out).size).toBeLessThan(20_000);
  expect(readFileSync(out, 'utf8')).toContain('… (52428800 characters, shortened)');
}

describe('a 50 MB frame name', () => {
  it('in a .cpuprofile is shortened at import', () => {
    const file = join(harness.folder, 'huge-name.cpuprofile');
    const frame = (functionName: string, scriptId: string, url: string) => ({
      functionName,
      scriptId,
      url,
      lineNumber: url ? 1 : -1,
      columnNumber: url ? 1 : -1,
    });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '0', ''), hitCount: 0, children: [2, 3] },
        { id: 2, callFrame: frame(hugeName, '1', 'file:///app.js'), hitCount: 3, children: [] },
        { id: 3, callFrame: frame('work', '1', 'file:///app.js'), hitCount: 1, children: [] },
      ],
      startTime: 0,
      endTime: 4000,
      samples: [2, 2, 3, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
    };
    writeFileSync(file, JSON.stringify(profile));
    expectShortened(importFile(file));
  });

  it('in folded stacks is shortened at import', () => {
    const file = join(harness.folder, 'huge-name.folded');
    writeFileSync(file, `main;${hugeName};leaf 5\nmain;work 3\n`);
    const session = importFile(file);
    expectShortened(session);
    expect(hotspotNames(session.id)).toEqual(expect.arrayContaining(['leaf', 'work']));
  });

  it('distinct names longer than V8 hashes in full are shortened too (they made lookups quadratic)', () => {
    const file = join(harness.folder, 'many-long-names.folded');
    const lines = Array.from(
      { length: 200 },
      (_, index) => `main;${String(index).padStart(4, '0')}${'b'.repeat(20_000)} 1`,
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const session = importFile(file);
    expect(session.endMessage).toContain('200 names were longer than 4,096 characters');
    const names = hotspotNames(session.id).filter((name) => name !== 'main');
    expect(names).toHaveLength(200);
    for (const name of names) expect(name).toMatch(/^\d{4}b+… \(20004 characters, shortened\)$/);
  });
});
