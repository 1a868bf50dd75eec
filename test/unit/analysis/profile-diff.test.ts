import { describe, expect, it } from 'vitest';
import { frameKey } from '../../../src-main/analysis/compare/frame-key';
import { diffProfiles, type ProfileDiff } from '../../../src-main/analysis/compare/profile-diff';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import { profileFromText } from '../../helpers/profile-text';

/** `path before after` per node (totals), in pre-order: the diff tree in a form a person reads. */
function diffSummary(diff: ProfileDiff): string[] {
  const lines: string[] = [];
  const paths: string[] = ['all'];
  for (let node = 1; node < diff.tree.length; node++) {
    const parent = diff.tree.parent[node]!;
    const name = diff.frames[diff.tree.frame[node]!]!.name;
    paths[node] = parent === 0 ? name : `${paths[parent]};${name}`;
    lines.push(`${paths[node]} ${diff.baseline.total[node]} ${diff.candidate.total[node]}`);
  }
  return lines.sort();
}

describe('diffProfiles', () => {
  it('merges both trees by frame, with each side’s weight on every node', () => {
    const baseline = profileFromText('main;parse;lex 10\nmain;render 10\nmain 5');
    const candidate = profileFromText('main;parse;lex 30\nmain;layout 5\nmain 5');
    const diff = diffProfiles(baseline, candidate);
    expect(diffSummary(diff)).toEqual([
      'main 25 40',
      'main;layout 0 5',
      'main;parse 10 30',
      'main;parse;lex 10 30',
      'main;render 10 0',
    ]);
    expect(diff.baseline.grandTotal).toBe(25);
    expect(diff.candidate.grandTotal).toBe(40);
    // Self weights stay on their own node.
    const main = diff.tree.frame.findIndex((frame) => frame >= 0 && diff.frames[frame]!.name === 'main');
    expect([diff.baseline.self[main], diff.candidate.self[main]]).toEqual([5, 5]);
  });

  it('lays out by the mean of both sides’ shares, so a function on one side only still gets a box', () => {
    const diff = diffProfiles(profileFromText('a;old 10'), profileFromText('a;new 10'));
    const widths = Object.fromEntries(
      Array.from({ length: diff.tree.length - 1 }, (_, offset) => {
        const node = offset + 1;
        return [diff.frames[diff.tree.frame[node]!]!.name, diff.tree.total[node]];
      }),
    );
    expect(widths).toEqual({ a: 1, old: 0.5, new: 0.5 });
  });

  it('compares one thread of each side when asked', () => {
    const builder = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'samples',
      startTime: 0,
      source: { tool: 'test', requestedIntervalMs: null },
    });
    builder.thread('main', 1);
    const worker = builder.thread('worker', 2);
    builder.sample(builder.stackOf([builder.frame({ name: 'mainWork', kind: 'js' })]), 0, 3);
    builder.sample(builder.stackOf([builder.frame({ name: 'workerWork', kind: 'js' })]), 1, 7, worker);
    const profile = builder.build();
    const diff = diffProfiles(profile, profile, { baselineThread: worker, candidateThread: worker });
    expect(diffSummary(diff)).toEqual(['workerWork 7 7']);
  });
});

describe('frameKey', () => {
  function keysOf(
    frames: { name: string; kind: 'js' | 'native'; file?: string; line?: number; column?: number; module?: string }[],
  ) {
    const builder = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'samples',
      startTime: 0,
      source: { tool: 'test', requestedIntervalMs: null },
    });
    const ids = frames.map((frame) => builder.frame(frame));
    builder.sample(builder.stackOf(ids), 0, 1);
    const profile = builder.build();
    return ids.map((id) => frameKey(profile, id));
  }

  it('matches JavaScript by name, file and line, whatever the column', () => {
    const [first, second, otherLine] = keysOf([
      { name: 'render', kind: 'js', file: 'app.js', line: 10, column: 3 },
      { name: 'render', kind: 'js', file: 'app.js', line: 10, column: 40 },
      { name: 'render', kind: 'js', file: 'app.js', line: 11, column: 3 },
    ]);
    expect(first).toBe(second);
    expect(first).not.toBe(otherLine);
  });

  it('matches native frames across address offsets and install prefixes', () => {
    const [first, second, unknownA, unknownB] = keysOf([
      { name: 'memcpy+0x1a', kind: 'native', module: '/usr/lib/x86_64-linux-gnu/libc.so.6' },
      { name: 'memcpy+0x3f', kind: 'native', module: '/lib/x86_64-linux-gnu/libc.so.6' },
      { name: '7f3a12bc4410', kind: 'native', module: '/usr/bin/node' },
      { name: '55d0aa001234', kind: 'native', module: '/usr/bin/node' },
    ]);
    expect(first).toBe(second);
    expect(unknownA).toBe(unknownB);
  });
});
