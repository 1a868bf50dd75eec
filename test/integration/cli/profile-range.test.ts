// `hotspots` and `export` with --from/--to (seconds from the session's start): the range selects the
// samples in it, both commands select the same ones, and a range outside the session is refused.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HotspotTable } from '../../../src-shared/profile/views';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
/** A Node.js CPU profile about 1.02 s long. */
const profile = resolve(__dirname, '../../fixtures/profiles/cpuprofile/node-hot.cpuprofile');

function hotspots(args: string[]): HotspotTable {
  const result = harness.run('hotspots', ['1', '--json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { hotspots: HotspotTable }).hotspots;
}

/** The samples of a folded export (one "stack count" line per stack). */
function foldedSamples(args: string[]): number {
  const file = join(harness.folder, 'range.folded');
  const result = harness.run('export', ['1', '--format', 'folded', '--out', file, ...args]);
  expect(result.code, result.stderr).toBe(0);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('--from and --to', () => {
  it('hotspots and export select the same samples of a range, and two halves add up to the whole', () => {
    expect(harness.run('import', [profile]).code).toBe(0);
    const whole = hotspots([]).sampleCount;
    const first = hotspots(['--to', '0.5']).sampleCount;
    const second = hotspots(['--from', '0.5']).sampleCount;
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect(first + second).toBe(whole);
    expect(foldedSamples(['--to', '0.5'])).toBe(first);
    expect(foldedSamples(['--from', '0.5'])).toBe(second);
    expect(foldedSamples([])).toBe(whole);
    // As text, a ranged table says which part of the session it covers before its header.
    const text = harness.run('hotspots', ['1', '--from', '0.5']);
    expect(text.stdout.split('\n').slice(0, 2)).toEqual([
      `From 0.5 s to 1 s after the session's start: ${second} samples.`,
      expect.stringMatching(/^\s*SELF\s+SELF %/),
    ]);
  });

  it('refuses a range outside the session, saying how long the session was', () => {
    expect(harness.run('import', [profile]).code).toBe(0);
    const late = harness.run('hotspots', ['1', '--from', '30']);
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('is not inside session 1, which lasted 1.1 s');
    const past = harness.run('export', ['1', '--format', 'folded', '--out', join(harness.folder, 'x'), '--to', '9']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('is not inside session 1');
  });
});
