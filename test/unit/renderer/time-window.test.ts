import { describe, expect, it } from 'vitest';
import {
  clampWindow,
  minimumSpan,
  pannedWindow,
  wheelIntent,
  wheelZoomFactor,
  windowForKey,
  zoomedWindow,
} from '../../../src-renderer/charts/timeline/time-window';

describe('zoomedWindow', () => {
  it('keeps the time under the pointer where it was', () => {
    const shown = { from: 0, to: 10_000 };
    const zoomed = zoomedWindow(shown, 2_500, 0.5);
    expect(zoomed.to - zoomed.from).toBe(5_000);
    // 2.5 s was a quarter of the way across before, and still is.
    expect((2_500 - zoomed.from) / (zoomed.to - zoomed.from)).toBeCloseTo(0.25);
  });

  it('stops at the narrowest window', () => {
    const zoomed = zoomedWindow({ from: 1_000, to: 1_300 }, 1_150, 0.1);
    expect(zoomed.to - zoomed.from).toBe(minimumSpan);
  });
});

describe('clampWindow', () => {
  it('stops a pan at either end without changing the width', () => {
    expect(clampWindow(pannedWindow({ from: 1_000, to: 3_000 }, -5_000), 10_000)).toEqual({ from: 0, to: 2_000 });
    expect(clampWindow({ from: 9_000, to: 11_000 }, 10_000)).toEqual({ from: 8_000, to: 10_000 });
  });

  it('is null (the whole session) once the window covers it', () => {
    expect(clampWindow({ from: -100, to: 20_000 }, 10_000)).toBeNull();
  });

  it('never goes narrower than the minimum, nor wider than a short session', () => {
    expect(clampWindow({ from: 500, to: 510 }, 10_000)).toEqual({ from: 500, to: 500 + minimumSpan });
    expect(clampWindow({ from: 10, to: 20 }, 150)).toBeNull();
  });
});

describe('wheelZoomFactor', () => {
  it('zooms in for a wheel turned away, out for one turned back, by at most 1.5×', () => {
    expect(wheelZoomFactor(-100, false)).toBeLessThan(1);
    expect(wheelZoomFactor(100, false)).toBeGreaterThan(1);
    expect(wheelZoomFactor(-10_000, false)).toBeCloseTo(1 / 1.5);
    expect(wheelZoomFactor(3, true)).toBeCloseTo(wheelZoomFactor(120, false));
  });
});

describe('windowForKey', () => {
  const shown = { from: 1_000, to: 3_000 };

  it('zooms around the centre with + and -, pans a tenth with the arrows, and 0 shows everything', () => {
    const zoomedIn = windowForKey('+', shown)!;
    expect((zoomedIn.from + zoomedIn.to) / 2).toBeCloseTo(2_000);
    expect(zoomedIn.to - zoomedIn.from).toBeLessThan(2_000);
    expect(windowForKey('-', shown)!.to - windowForKey('-', shown)!.from).toBeGreaterThan(2_000);
    expect(windowForKey('ArrowRight', shown)).toEqual({ from: 1_200, to: 3_200 });
    expect(windowForKey('ArrowLeft', shown)).toEqual({ from: 800, to: 2_800 });
    expect(windowForKey('0', shown)).toBeNull();
  });

  it('leaves other keys alone', () => {
    expect(windowForKey('s', shown)).toBeUndefined();
    expect(windowForKey('Enter', shown)).toBeUndefined();
  });
});

describe('wheelIntent', () => {
  const down = { deltaX: 0, deltaY: 100, shiftKey: false, lines: false };
  const sideways = { deltaX: 80, deltaY: 4, shiftKey: false, lines: false };

  it('zooms the chart only while Ctrl or ⌘ is held (a trackpad pinch sends Ctrl)', () => {
    expect(wheelIntent(down, true, false)).toBe('zoom');
    expect(wheelIntent(down, true, true)).toBe('zoom');
  });

  it('leaves a plain wheel to the page, zoomed in or not, so scrolling past a chart never sticks', () => {
    expect(wheelIntent(down, false, false)).toBe('page');
    expect(wheelIntent(down, false, true)).toBe('page');
  });

  it('pans sideways (or with Shift) only a chart that is zoomed in', () => {
    expect(wheelIntent(sideways, false, true)).toBe('pan');
    expect(wheelIntent({ ...down, shiftKey: true }, false, true)).toBe('pan');
    expect(wheelIntent(sideways, false, false)).toBe('page');
  });
});
