import { describe, expect, it } from 'vitest';
import { bottomUp } from '../../../src-main/analysis/bottom-up';
import type { Profile } from '../../../src-shared/profile/profile';
import type { BottomUpView, ProfileSelection } from '../../../src-shared/profile/views';
import { profileFromText } from '../../helpers/profile-text';

const all: ProfileSelection = { kind: 'cpu', range: null, thread: null };

function id(profile: Profile, name: string): number {
  return profile.frames.name.findIndex((index) => profile.strings[index] === name);
}

/** The view as `name(depth) total self samples [more]` lines, in pre-order. */
function lines(view: BottomUpView): string[] {
  const { nodes, frames } = view;
  const out: string[] = [];
  for (let index = 1; index < nodes.length; index++) {
    const name = frames[nodes.frame[index]!]!.name;
    const more = view.more[index] ? ' more' : '';
    out.push(
      `${name}(${nodes.depth[index]}) ${nodes.total[index]} ${nodes.self[index]} ${view.totalSamples[index]}${more}`,
    );
  }
  return out;
}

describe('bottom-up tree', () => {
  const text = 'main;a;f 3\nmain;b;f 2\nmain;b 4\nmain;a;f;g 1\nf 1';

  it('roots are the functions samples ended in, with their callers below', () => {
    const profile = profileFromText(text);
    const view = bottomUp(profile, all, [], 10);
    expect(lines(view)).toEqual([
      'f(1) 6 1 3',
      'a(2) 3 0 1',
      'main(3) 3 3 1',
      'b(2) 2 0 1',
      'main(3) 2 2 1',
      'b(1) 4 0 1',
      'main(2) 4 4 1',
      'g(1) 1 0 1',
      'f(2) 1 0 1',
      'a(3) 1 0 1',
      'main(4) 1 1 1',
    ]);
    expect(view.totalWeight).toBe(11);
    expect(view.sampleCount).toBe(5);
  });

  it('builds only the levels asked for, marking nodes with more callers', () => {
    const profile = profileFromText(text);
    const view = bottomUp(profile, all, [], 1);
    expect(lines(view)).toEqual(['f(1) 6 1 3 more', 'b(1) 4 0 1 more', 'g(1) 1 0 1 more']);
  });

  it('expands one node by its inverted path', () => {
    const profile = profileFromText(text);
    const view = bottomUp(profile, all, [id(profile, 'f'), id(profile, 'b')], 1);
    expect(view.path).toEqual([id(profile, 'f'), id(profile, 'b')]);
    expect(lines(view)).toEqual(['f(1) 2 0 1', 'b(2) 2 0 1', 'main(3) 2 2 1']);
  });

  it('follows the selection: a time range keeps only its samples', () => {
    const profile = profileFromText('main;a 1\nmain;b 2\nmain;a 1', { weightUnit: 'milliseconds', startTime: 100 });
    const view = bottomUp(profile, { ...all, range: { start: 101, end: 103 } }, [], 5);
    expect(lines(view)).toEqual(['b(1) 2 0 1', 'main(2) 2 2 1']);
  });
});
