import { describe, expect, it } from 'vitest';
import type { FlameGraphView } from '../../../src-shared/profile/views';
import { flameGraph } from './flame-view';
import { hitTest } from '../../../src-renderer/components/flame-graph/flame-hit-test';
import {
  contentHeight,
  depthToY,
  forEachVisibleNode,
  type FlameLayout,
} from '../../../src-renderer/components/flame-graph/flame-layout';
import { parseSearchQuery, searchFlameGraph } from '../../../src-renderer/components/flame-graph/flame-search';
import { CharacterWidths, fitLabel } from '../../../src-renderer/components/flame-graph/flame-text';
import {
  breadcrumb,
  fullWindow,
  panWindow,
  popZoom,
  pushZoom,
  stackWindow,
  zoomWindow,
} from '../../../src-renderer/components/flame-graph/flame-zoom';
import {
  flamePalettes,
  frameColors,
  hslToRgb,
  legendEntries,
} from '../../../src-renderer/components/flame-graph/flame-colors';

/** The name of a node ("all" for the root). */
function nameOf(view: FlameGraphView, node: number): string {
  const frame = view.nodes.frame[node]!;
  return frame < 0 ? 'all' : view.frames[frame]!.name;
}

function layoutOf(view: FlameGraphView, overrides: Partial<FlameLayout> = {}): FlameLayout {
  return {
    viewStart: 0,
    viewEnd: view.totalWeight,
    width: 1000,
    height: 400,
    rowHeight: 20,
    maximumDepth: view.maximumDepth,
    scrollTop: 0,
    orientation: 'icicle',
    ...overrides,
  };
}

function visibleNames(view: FlameGraphView, layout: FlameLayout): string[] {
  const names: string[] = [];
  forEachVisibleNode(view.nodes, layout, (node) => names.push(nameOf(view, node)));
  return names;
}

const sample = flameGraph(`
  main;work;hot 600
  main;work;cold 300
  main;tiny;deeper;deepest 1
  main;idle 99
`);

describe('flame graph layout', () => {
  const preOrder = ['all', 'main', 'work', 'hot', 'cold', 'idle', 'tiny', 'deeper', 'deepest'];

  it('builds the test view in pre-order, heaviest child first', () => {
    expect(Array.from({ length: sample.nodes.length }, (_, node) => nameOf(sample, node))).toEqual(preOrder);
  });

  it('visits every node that is at least a pixel wide', () => {
    expect(visibleNames(sample, layoutOf(sample))).toEqual(preOrder);
  });

  it('skips a whole subtree when its root is narrower than a pixel', () => {
    // 1000 weight over 500 px: "tiny" (weight 1) is half a pixel, so nothing under it is visited.
    const names = visibleNames(sample, layoutOf(sample, { width: 500 }));
    expect(names).toEqual(['all', 'main', 'work', 'hot', 'cold', 'idle']);
  });

  it('skips subtrees outside the zoomed window and rows below the screen', () => {
    // Zoomed into [0, 600) = "hot": "cold", "idle" and "tiny" are off to the right.
    expect(visibleNames(sample, layoutOf(sample, { viewEnd: 600 }))).toEqual(['all', 'main', 'work', 'hot']);
    // Two rows tall: depths 0 and 1 only.
    expect(visibleNames(sample, layoutOf(sample, { height: 40 }))).toEqual(['all', 'main']);
  });

  it('walks through rows scrolled above the screen without visiting them', () => {
    const names = visibleNames(sample, layoutOf(sample, { scrollTop: 40, height: 40 }));
    expect(names).toEqual(['work', 'hot', 'cold', 'idle', 'tiny', 'deeper']);
  });

  it('costs what is visible on a large tree', () => {
    // A root with 200,000 leaf children of weight 1 on 1,000 px: each is 0.005 px, none is visited.
    const leaves = Array.from({ length: 200_000 }, (_, index) => `main;f${index} 1`).join('\n');
    const wide = flameGraph(leaves);
    let visited = 0;
    forEachVisibleNode(wide.nodes, layoutOf(wide), () => visited++);
    expect(visited).toBe(2);
  });

  it('puts the root at the bottom of a flame and the top of an icicle', () => {
    const icicle = layoutOf(sample);
    const flame = layoutOf(sample, { orientation: 'flame' });
    expect(depthToY(icicle, 0)).toBe(0);
    // A graph shorter than the canvas sits on its bottom edge; a taller one scrolls.
    expect(depthToY(flame, 0)).toBe(400 - 20);
    const tall = layoutOf(sample, { orientation: 'flame', height: 40 });
    expect(depthToY(tall, 0)).toBe(contentHeight(tall) - 20);
    expect(depthToY(tall, sample.maximumDepth)).toBe(0);
  });
});

describe('flame graph hit-testing', () => {
  it('maps a point to the node drawn there in icicle mode', () => {
    const layout = layoutOf(sample);
    expect(nameOf(sample, hitTest(sample.nodes, layout, 10, 5))).toBe('all');
    expect(nameOf(sample, hitTest(sample.nodes, layout, 10, 25))).toBe('main');
    expect(nameOf(sample, hitTest(sample.nodes, layout, 599, 65))).toBe('hot');
    expect(nameOf(sample, hitTest(sample.nodes, layout, 601, 65))).toBe('cold');
    expect(nameOf(sample, hitTest(sample.nodes, layout, 950, 45))).toBe('idle');
  });

  it('maps a point to the node drawn there in flame mode', () => {
    const layout = layoutOf(sample, { orientation: 'flame', height: contentHeight(layoutOf(sample)) });
    const bottom = layout.height - 1;
    expect(nameOf(sample, hitTest(sample.nodes, layout, 10, bottom))).toBe('all');
    expect(nameOf(sample, hitTest(sample.nodes, layout, 10, bottom - 20))).toBe('main');
    expect(nameOf(sample, hitTest(sample.nodes, layout, 700, bottom - 60))).toBe('cold');
  });

  it('follows the zoom and the scroll', () => {
    const zoomed = layoutOf(sample, { viewStart: 600, viewEnd: 900, scrollTop: 20 });
    // x = 500 of 1000 px is weight 750, inside "cold"; y = 45 + 20 scrolled is depth 3.
    expect(nameOf(sample, hitTest(sample.nodes, zoomed, 500, 45))).toBe('cold');
  });

  it('finds nothing in gaps, below the deepest node or where a node is too narrow to draw', () => {
    const layout = layoutOf(sample);
    expect(hitTest(sample.nodes, layout, 950, 65)).toBe(-1);
    expect(hitTest(sample.nodes, layout, 10, 399)).toBe(-1);
    expect(hitTest(sample.nodes, layoutOf(sample, { width: 500 }), 499.9, 45)).toBe(-1);
    expect(hitTest(sample.nodes, layout, -1, 5)).toBe(-1);
  });
});

describe('flame graph search', () => {
  it('matches case-insensitive substrings and /regular expressions/', () => {
    const substring = parseSearchQuery('HOT');
    expect(substring.ok && substring.matcher!('hotFunction')).toBe(true);
    const regex = parseSearchQuery('/^c.ld$/');
    expect(regex.ok && regex.matcher!('Cold')).toBe(true);
    expect(regex.ok && regex.matcher!('colder')).toBe(false);
    expect(parseSearchQuery('  ')).toEqual({ ok: true, matcher: null });
    const broken = parseSearchQuery('/(/');
    expect(broken.ok).toBe(false);
  });

  it('a global regex is not stateful across names', () => {
    const parsed = parseSearchQuery('/o/g');
    if (!parsed.ok || !parsed.matcher) throw new Error('expected a matcher');
    expect([parsed.matcher('hot'), parsed.matcher('hot'), parsed.matcher('cold')]).toEqual([true, true, true]);
  });

  it('counts the weight of nested matches once', () => {
    const recursive = flameGraph(`
      main;parse;parse;parse 40
      main;parse 10
      main;walk;parse 20
      main;other 30
    `);
    const parsed = parseSearchQuery('parse');
    if (!parsed.ok || !parsed.matcher) throw new Error('expected a matcher');
    const result = searchFlameGraph(recursive, parsed.matcher);
    expect(result.functionCount).toBe(1);
    expect(result.matchedWeight).toBe(70);
    expect(result.share).toBeCloseTo(0.7);
  });

  it('counts two different matching functions on one stack once', () => {
    const parsed = parseSearchQuery('/work|hot/');
    if (!parsed.ok || !parsed.matcher) throw new Error('expected a matcher');
    const result = searchFlameGraph(sample, parsed.matcher);
    expect(result.functionCount).toBe(2);
    expect(result.matchedWeight).toBe(900);
    expect(Array.from(result.matchedFrames)).toEqual(
      sample.frames.map((frame) => (/work|hot/.test(frame.name) ? 1 : 0)),
    );
  });
});

describe('flame graph zoom', () => {
  const hot = 3;
  const cold = 4;
  const work = 2;

  it('pushes clicked nodes and pops back up, with a breadcrumb', () => {
    let stack = pushZoom(sample, [], work);
    stack = pushZoom(sample, stack, hot);
    expect(breadcrumb(sample, stack).map((crumb) => crumb.label)).toEqual(['all', 'work', 'hot']);
    expect(stackWindow(sample, stack)).toEqual({ start: 0, end: 600 });
    stack = popZoom(stack);
    expect(stackWindow(sample, stack)).toEqual({ start: 0, end: 900 });
    expect(popZoom(popZoom(stack))).toEqual([]);
  });

  it('replaces a sibling rather than nesting it, and ignores a second click on the same node', () => {
    let stack = pushZoom(sample, [work], hot);
    stack = pushZoom(sample, stack, cold);
    expect(breadcrumb(sample, stack).map((crumb) => crumb.label)).toEqual(['all', 'work', 'cold']);
    expect(pushZoom(sample, stack, cold)).toEqual(stack);
    expect(pushZoom(sample, stack, 0)).toEqual([]);
  });

  it('zooms the wheel around the pointer and keeps pans inside the graph', () => {
    const bounds = fullWindow(sample);
    const zoomed = zoomWindow(bounds, 0.5, 0.25, bounds);
    expect(zoomed.start).toBeCloseTo(125);
    expect(zoomed.end).toBeCloseTo(625);
    expect(zoomWindow(zoomed, 4, 0.5, bounds)).toEqual(bounds);
    expect(panWindow(zoomed, 10_000, bounds)).toEqual({ start: 500, end: 1000 });
    expect(panWindow(zoomed, -10_000, bounds)).toEqual({ start: 0, end: 500 });
  });
});

/** The channels of an "rgb(r g b)" colour. */
function rgbOf(color: string): [number, number, number] {
  const [red = 0, green = 0, blue = 0] = color.match(/\d+/g)!.map(Number);
  return [red, green, blue];
}

describe('flame graph labels and colours', () => {
  const widths = new CharacterWidths((text) => text.length * 7);

  it('truncates labels with an ellipsis to the room there is', () => {
    expect(fitLabel('hotFunction', 200, widths)).toBe('hotFunction');
    expect(fitLabel('hotFunction', 40, widths)).toBe('hotF…');
    expect(fitLabel('hotFunction', 10, widths)).toBe('');
  });

  it('keeps markup in names as plain text', () => {
    expect(fitLabel('<script>alert(1)</script>', 1000, widths)).toBe('<script>alert(1)</script>');
  });

  it('converts HSL to RGB', () => {
    expect(hslToRgb(0, 100, 50)).toEqual([255, 0, 0]);
    expect(hslToRgb(120, 100, 25)).toEqual([0, 128, 0]);
    expect(hslToRgb(220, 0, 100)).toEqual([255, 255, 255]);
  });

  it('colours frames by kind and lists the kinds present', () => {
    const mixed = flameGraph(`
      js:main;native:write;kernel:sys_write 10
      js:main;gc:scavenge 5
    `);
    const colors = frameColors(mixed.frames);
    // JavaScript is amber (red over blue), native is blue (blue over red).
    const [jsRed, , jsBlue] = rgbOf(flamePalettes.dark.css[colors[0]!]!);
    const [nativeRed, , nativeBlue] = rgbOf(flamePalettes.dark.css[colors[1]!]!);
    expect(jsRed).toBeGreaterThan(jsBlue);
    expect(nativeBlue).toBeGreaterThan(nativeRed);
    // The pixel of a colour is the same colour, little-endian RGBA.
    const pixel = flamePalettes.dark.pixels[colors[0]!]!;
    expect([pixel & 0xff, (pixel >> 8) & 0xff, (pixel >> 16) & 0xff]).toEqual(
      rgbOf(flamePalettes.dark.css[colors[0]!]!),
    );
    expect(legendEntries(mixed.frames).map((entry) => entry.label)).toEqual(['JavaScript', 'Native', 'Kernel', 'GC']);
  });
});
