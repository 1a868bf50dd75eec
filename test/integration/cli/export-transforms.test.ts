// `thermograph export --transform SPEC`: functions named on the command line are resolved by the
// engine and the export is written with the transforms applied, in order; a name that matches
// nothing or a malformed spec is a usage error that says what to type.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCliDatabase } from './cli-harness';

const harness = useCliDatabase(60_000);
/** A Node.js CPU profile: processImmediate → slice → hotFunction / coldFunction, plus node:internal frames. */
const profile = resolve(__dirname, '../../fixtures/profiles/cpuprofile/node-hot.cpuprofile');

/** The folded export's lines, stack → samples, with the given extra arguments. */
function folded(args: string[]): Map<string, number> {
  const file = join(harness.folder, 'out.folded');
  const result = harness.run('export', ['1', '--format', 'folded', '--out', file, ...args]);
  expect(result.code, result.stderr).toBe(0);
  const stacks = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const split = line.lastIndexOf(' ');
    stacks.set(line.slice(0, split), Number(line.slice(split + 1)));
  }
  return stacks;
}

const total = (stacks: Map<string, number>) => [...stacks.values()].reduce((sum, count) => sum + count, 0);
const frames = (stacks: Map<string, number>) => new Set([...stacks.keys()].flatMap((stack) => stack.split(';')));

describe('export --transform', () => {
  it('merges and focuses named functions, in order, keeping or dropping samples as each says', () => {
    expect(harness.run('import', [profile]).code).toBe(0);
    const whole = folded([]);
    expect(frames(whole).has('slice')).toBe(true);

    // Merging moves slice's time to its callers: no sample is lost.
    const merged = folded(['--transform', 'merge:slice']);
    expect(frames(merged).has('slice')).toBe(false);
    expect(total(merged)).toBe(total(whole));
    expect([...merged.keys()].some((stack) => stack.endsWith('processImmediate;hotFunction'))).toBe(true);

    // Focusing keeps only the samples through hotFunction, each stack starting at it.
    const focused = folded(['--transform', 'merge:slice', '--transform', 'focus:hotFunction']);
    expect([...focused.keys()].every((stack) => stack.startsWith('hotFunction'))).toBe(true);
    const hotSamples = [...whole].filter(([stack]) => stack.split(';').includes('hotFunction'));
    expect(total(focused)).toBe(hotSamples.reduce((sum, [, count]) => sum + count, 0));

    // Node's own frames merged into their callers, idle samples dropped.
    const internal = folded(['--transform', 'drop-internal']);
    expect(frames(internal).has('(idle)')).toBe(false);
    expect(frames(internal).has('executeUserEntryPoint')).toBe(false);
    expect(frames(internal).has('hotFunction')).toBe(true);
  });

  it('refuses a spec it cannot read and a name with no samples, saying what to do', () => {
    expect(harness.run('import', [profile]).code).toBe(0);
    const exportWith = (spec: string) =>
      harness.run('export', ['1', '--format', 'folded', '--out', join(harness.folder, 'x'), '--transform', spec]);
    const unknown = exportWith('hide:slice');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('is not one of merge:NAME');
    const missing = exportWith('merge:nothere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no function named "nothere"');
    expect(missing.stderr).toContain('thermograph hotspots 1');
    // NAME@FILE keeps only the functions whose file path ends so.
    const wrongFile = exportWith('focus:slice@other.js');
    expect(wrongFile.code).toBe(2);
    expect(wrongFile.stderr).toContain('in a file ending "other.js"');
  });
});
