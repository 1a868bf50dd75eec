import { describe, expect, it } from 'vitest';
import type { ViewFrame } from '../../../src-shared/profile/views';
import {
  hidesInternals,
  parseAppliedTransforms,
  transformLabel,
  withInternalsHidden,
  withTransform,
  type AppliedTransform,
} from '../../../src-renderer/views/session/profile/applied-transforms';
import { frameMenuItems } from '../../../src-renderer/views/session/profile/frame-menu';

const frame: ViewFrame = {
  id: 7,
  name: 'parse<T>',
  kind: 'js',
  file: '/app/node_modules/json5/lib/parse.js',
  line: 3,
  column: null,
  module: 'json5',
};

const merge: AppliedTransform = { transform: { type: 'merge-function', frame: 7 }, label: 'Merge parse<T>' };

describe('applied transforms', () => {
  it('labels each transform for the breadcrumb', () => {
    expect(transformLabel({ type: 'focus-function', frame: 1 }, 'main')).toBe('Focus main');
    expect(transformLabel({ type: 'collapse-module', module: 'json5' }, 'parse')).toBe('Collapse json5');
    expect(transformLabel({ type: 'drop-internal' }, '')).toBe('Hide runtime internals');
  });

  it('adds at the end, once for a repeated click', () => {
    const once = withTransform([], merge);
    expect(once).toEqual([merge]);
    expect(withTransform(once, merge)).toEqual([merge]);
    const focus: AppliedTransform = { transform: { type: 'focus-function', frame: 2 }, label: 'Focus main' };
    expect(withTransform(once, focus)).toEqual([merge, focus]);
  });

  it('hides internals once and shows them again from anywhere in the list', () => {
    const hidden = withInternalsHidden([merge], true);
    expect(hidesInternals(hidden)).toBe(true);
    expect(withInternalsHidden(hidden, true)).toEqual(hidden);
    const later = withTransform(hidden, { transform: { type: 'focus-function', frame: 2 }, label: 'Focus main' });
    expect(withInternalsHidden(later, false).map((entry) => entry.label)).toEqual(['Merge parse<T>', 'Focus main']);
  });

  it('reads stored lists back and drops what it cannot read', () => {
    const stored = JSON.stringify({
      cpu: [merge],
      allocation: [{ transform: { type: 'merge-function' }, label: 'x' }],
    });
    expect(parseAppliedTransforms(stored)).toEqual({ cpu: [merge] });
    expect(parseAppliedTransforms('{not json')).toEqual({});
    expect(parseAppliedTransforms(null)).toEqual({});
    expect(
      parseAppliedTransforms(JSON.stringify({ cpu: [{ transform: { type: 'focus-subtree', path: [] }, label: 'x' }] })),
    ).toEqual({});
  });
});

describe('frame menu', () => {
  it('offers focus on subtree only with a path and collapse module only with a module', () => {
    const texts = (items: ReturnType<typeof frameMenuItems>) => items.map((item) => item.text);
    expect(texts(frameMenuItems(frame, [1, 7]))).toEqual([
      'Merge function',
      'Focus on function',
      'Focus on subtree',
      'Collapse module',
      'Collapse recursion',
    ]);
    expect(texts(frameMenuItems({ ...frame, module: null }, null))).toEqual([
      'Merge function',
      'Focus on function',
      'Collapse recursion',
    ]);
    const subtree = frameMenuItems(frame, [1, 7])[2]!.applied;
    expect(subtree).toEqual({ transform: { type: 'focus-subtree', path: [1, 7] }, label: 'Focus subtree parse<T>' });
  });
});
