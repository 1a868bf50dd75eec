// The dividers' arithmetic: heights stay in bounds, keys step (further with Shift), Home and End go to
// the bounds, other keys are left alone, and stored sizes are read back defensively.
import { describe, expect, it } from 'vitest';
import {
  clampPane,
  keyResize,
  keyStep,
  largeKeyStep,
  parseStoredSizes,
} from '../../../src-renderer/components/split/pane-size';

const bounds = { minimum: 140, maximum: 600 };

describe('pane sizes', () => {
  it('keeps a height inside its bounds, the minimum winning when they cross', () => {
    expect(clampPane(100, bounds)).toBe(140);
    expect(clampPane(900, bounds)).toBe(600);
    expect(clampPane(300.4, bounds)).toBe(300);
    expect(clampPane(500, { minimum: 400, maximum: 300 })).toBe(400);
  });

  it('moves with the arrow keys, further with Shift, to the ends with Home and End', () => {
    expect(keyResize(300, 'ArrowDown', false, bounds)).toBe(300 + keyStep);
    expect(keyResize(300, 'ArrowUp', false, bounds)).toBe(300 - keyStep);
    expect(keyResize(300, 'ArrowDown', true, bounds)).toBe(300 + largeKeyStep);
    expect(keyResize(150, 'ArrowUp', true, bounds)).toBe(140);
    expect(keyResize(300, 'Home', false, bounds)).toBe(140);
    expect(keyResize(300, 'End', false, bounds)).toBe(600);
    expect(keyResize(300, 'ArrowLeft', false, bounds)).toBeNull();
    expect(keyResize(300, 'Enter', false, bounds)).toBeNull();
  });

  it('reads stored sizes back, dropping anything that is not a positive number', () => {
    expect(parseStoredSizes('{"timeline":600,"flame":-4,"details":"big","other":null}')).toEqual({ timeline: 600 });
    expect(parseStoredSizes('[1,2]')).toEqual({});
    expect(parseStoredSizes('not json')).toEqual({});
    expect(parseStoredSizes(null)).toEqual({});
  });
});
