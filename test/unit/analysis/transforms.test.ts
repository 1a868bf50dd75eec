import { describe, expect, it } from 'vitest';
import { applyTransforms } from '../../../src-main/analysis/transforms/apply';
import { StackTableBuilder } from '../../../src-main/analysis/transforms/restack';
import { flameGraph } from '../../../src-main/analysis/flame-graph';
import { ProfileBuilder } from '../../../src-shared/profile/builder';
import type { Profile } from '../../../src-shared/profile/profile';
import type { Transform } from '../../../src-shared/profile/transforms';
import { foldedSummary, profileFromText } from '../../helpers/profile-text';

/** The frame id of a function name, as views give it. */
function id(profile: Profile, name: string): number {
  const frame = profile.frames.name.findIndex((index) => profile.strings[index] === name);
  if (frame < 0) throw new Error(`no frame ${name}`);
  return frame;
}

/** The folded lines of a profile from text after transforms built from its frame ids. */
function transformed(text: string, transforms: (profile: Profile) => Transform[]): string[] {
  const profile = profileFromText(text);
  return foldedSummary(applyTransforms(profile, transforms(profile))).split('\n');
}

describe('profile transforms', () => {
  it('merges a function into its callers, dropping samples that had only it', () => {
    const text = 'main;a;f;x 2\nmain;f;y 3\nmain;a;f 1\nf 4\nmain;b 1';
    expect(transformed(text, (p) => [{ type: 'merge-function', frame: id(p, 'f') }])).toEqual([
      'main;a 1',
      'main;a;x 2',
      'main;b 1',
      'main;y 3',
    ]);
  });

  it('focuses on a function: outermost calls become one root, samples without it go', () => {
    const text = 'main;a;f;x 2\nmain;b;f;f;y 3\nmain;b 5\nf 1';
    expect(transformed(text, (p) => [{ type: 'focus-function', frame: id(p, 'f') }])).toEqual([
      'f 1',
      'f;f;y 3',
      'f;x 2',
    ]);
  });

  it('focuses on a call path, keeping only samples under that exact prefix', () => {
    const text = 'main;a;f;x 2\nmain;a;f 1\nmain;a 4\nmain;b;f;x 3\na;f;x 5';
    expect(
      transformed(text, (p) => [{ type: 'focus-subtree', path: [id(p, 'main'), id(p, 'a'), id(p, 'f')] }]),
    ).toEqual(['f 1', 'f;x 2']);
  });

  it('folds direct recursion but not recursion through another function', () => {
    const text = 'main;f;f;f;x 2\nmain;f;g;f 3\nmain;f;f 1';
    expect(transformed(text, (p) => [{ type: 'collapse-recursion', frame: id(p, 'f') }])).toEqual([
      'main;f 1',
      'main;f;g;f 3',
      'main;f;x 2',
    ]);
  });

  it('collapses consecutive frames of a module into one frame named after it', () => {
    const builder = new ProfileBuilder({
      kind: 'cpu',
      weightUnit: 'samples',
      startTime: 0,
      source: { tool: 'test', requestedIntervalMs: null },
    });
    const frame = (name: string, module: string | null) => builder.frame({ name, kind: 'js', module });
    const main = frame('main', null);
    const parse = frame('parse', 'lodash');
    const inner = frame('inner', 'lodash');
    const callback = frame('callback', null);
    builder.sample(builder.stackOf([main, parse, inner]), 0, 2);
    builder.sample(builder.stackOf([main, parse, inner, callback, parse]), 1, 3);
    builder.sample(builder.stackOf([main]), 2, 1);
    const before = builder.build();
    const after = applyTransforms(before, [{ type: 'collapse-module', module: 'lodash' }]);
    expect(foldedSummary(after).split('\n')).toEqual(['main 1', 'main;lodash 2', 'main;lodash;callback;lodash 3']);
    // Earlier frame ids stay valid: the module's frame is appended.
    expect(after.frames.length).toBe(before.frames.length + 1);
    expect(id(after, 'callback')).toBe(callback);
    // A module nothing comes from changes nothing.
    expect(applyTransforms(before, [{ type: 'collapse-module', module: 'react' }])).toBe(before);
  });

  it("drops the runtime's internal frames and idle samples, keeping all-internal time on one frame", () => {
    const text = [
      'node:internal/main/run_main_module;node:internal/modules/run_main;main.js;work.js 5',
      'node:internal/main/run_main_module;node:internal/modules/cjs/loader 2',
      'main.js;node:internal/fs/utils;read.js 1',
      '(idle) 7',
      '(program) 1',
    ].join('\n');
    expect(transformed(text, () => [{ type: 'drop-internal' }])).toEqual([
      '(program) 1',
      'main.js;read.js 1',
      'main.js;work.js 5',
      'node:internal/main/run_main_module 2',
    ]);
  });

  it('applies transforms in order, each to the result of the one before', () => {
    const text = 'main;a;f;f;x 2\nmain;b;f;y 3\nmain;c 4';
    const steps = (p: Profile): Transform[] => [
      { type: 'focus-function', frame: id(p, 'f') },
      { type: 'collapse-recursion', frame: id(p, 'f') },
      { type: 'merge-function', frame: id(p, 'y') },
    ];
    expect(transformed(text, steps)).toEqual(['f 3', 'f;x 2']);
    // Views of a transformed profile are ordinary views.
    const profile = profileFromText(text);
    const view = flameGraph(applyTransforms(profile, steps(profile)), { kind: 'cpu', range: null, thread: null });
    expect(view.totalWeight).toBe(5);
    expect(view.sampleCount).toBe(2);
  });

  it('keeps sample times and threads in order when samples are dropped', () => {
    const profile = profileFromText('main;a 1\nmain;b 2\nmain;a 3', { weightUnit: 'milliseconds' });
    const after = applyTransforms(profile, [{ type: 'focus-function', frame: id(profile, 'a') }]);
    expect([...after.samples.time]).toEqual([0, 3]);
    expect([...after.samples.weight]).toEqual([1, 3]);
    expect(after.samples.length).toBe(2);
  });

  it('builds a stack table with each call path once, parents first', () => {
    // Merging f makes main;a;f;x and main;f;a;x the same path: one stack for it, not two.
    const profile = profileFromText('main;a;f;x 2\nmain;f;a;x 1\nmain;a 1');
    const after = applyTransforms(profile, [{ type: 'merge-function', frame: id(profile, 'f') }]);
    expect(after.stacks.length).toBe(3);
    expect([...after.stacks.parent]).toEqual([-1, 0, 1]);
    expect(foldedSummary(after).split('\n')).toEqual(['main;a 1', 'main;a;x 3']);
  });

  it('finds every pair again after the stack table grows past its first size', () => {
    const builder = new StackTableBuilder(1);
    const made = Array.from({ length: 500 }, (_, index) => builder.stack((index % 7) - 1, index));
    expect(made).toEqual(Array.from({ length: 500 }, (_, index) => index));
    expect(Array.from({ length: 500 }, (_, index) => builder.stack((index % 7) - 1, index))).toEqual(made);
    expect(builder.length).toBe(500);
  });

  it('refuses a frame id the profile does not have, saying what to do', () => {
    const profile = profileFromText('main;a 1');
    expect(() => applyTransforms(profile, [{ type: 'merge-function', frame: 99 }])).toThrow(
      /not in this profile.*reload the view/,
    );
  });
});
