// The flame graph's keyboard model and colour choice: arrows move between siblings, parent and
// heaviest child following the picture; a revealed box comes into view; one function keeps one
// colour, by function, module or file, within its kind's hue; the theme's canvas colours are read
// from CSS variables.
import { describe, expect, it } from 'vitest';
import type { FlameGraphView } from '../../../src-shared/profile/views';
import {
  colorKey,
  flamePalettes,
  frameColors,
  isFlameColorMode,
} from '../../../src-renderer/components/flame-graph/flame-colors';
import { darkFlameChrome, readFlameChrome } from '../../../src-renderer/components/flame-graph/flame-chrome';
import {
  childrenOf,
  heaviestChild,
  moveSelection,
  revealWindow,
  siblingOf,
} from '../../../src-renderer/components/flame-graph/flame-navigation';
import { fullWindow } from '../../../src-renderer/components/flame-graph/flame-zoom';
import { flameGraph } from './flame-view';

/** The node of a path of names from the root ("main;work"). */
function nodeAt(view: FlameGraphView, path: string): number {
  let node = 0;
  for (const name of path.split(';')) {
    const child = childrenOf(view.nodes, node).find((index) => view.frames[view.nodes.frame[index]!]!.name === name);
    if (child === undefined) throw new Error(`no ${name} under node ${node}`);
    node = child;
  }
  return node;
}

/** A node's name ("all" for the root). */
function nameOf(view: FlameGraphView, node: number): string {
  const frame = view.nodes.frame[node]!;
  return frame < 0 ? 'all' : view.frames[frame]!.name;
}

const view = flameGraph(`
  main;parse;tokenize 10
  main;parse 5
  main;work;hot 40
  main;work;cold 20
  main;render 8
`);

describe('flame graph keyboard navigation', () => {
  it('lists children left to right and finds the heaviest', () => {
    const main = nodeAt(view, 'main');
    expect(childrenOf(view.nodes, main).map((node) => nameOf(view, node))).toEqual(['work', 'parse', 'render']);
    expect(nameOf(view, heaviestChild(view.nodes, main))).toBe('work');
    expect(nameOf(view, heaviestChild(view.nodes, nodeAt(view, 'main;work')))).toBe('hot');
    const leaf = nodeAt(view, 'main;render');
    expect(heaviestChild(view.nodes, leaf)).toBe(leaf);
  });

  it('moves between siblings and stays at either end', () => {
    const parse = nodeAt(view, 'main;parse');
    expect(nameOf(view, siblingOf(view.nodes, parse, 1))).toBe('render');
    expect(nameOf(view, siblingOf(view.nodes, parse, -1))).toBe('work');
    const render = nodeAt(view, 'main;render');
    expect(siblingOf(view.nodes, render, 1)).toBe(render);
    expect(siblingOf(view.nodes, 0, -1)).toBe(0);
  });

  it('follows the picture: up is towards the leaves in a flame, towards the root in an icicle', () => {
    const work = nodeAt(view, 'main;work');
    expect(nameOf(view, moveSelection(view.nodes, work, 'ArrowUp', 'flame'))).toBe('hot');
    expect(nameOf(view, moveSelection(view.nodes, work, 'ArrowDown', 'flame'))).toBe('main');
    expect(nameOf(view, moveSelection(view.nodes, work, 'ArrowUp', 'icicle'))).toBe('main');
    expect(nameOf(view, moveSelection(view.nodes, work, 'ArrowDown', 'icicle'))).toBe('hot');
    expect(nameOf(view, moveSelection(view.nodes, work, 'ArrowRight', 'flame'))).toBe('parse');
    // The root has no parent: moving towards it stays.
    expect(moveSelection(view.nodes, 0, 'ArrowDown', 'flame')).toBe(0);
  });

  it('selects the root first and nothing in an empty graph', () => {
    expect(moveSelection(view.nodes, -1, 'ArrowLeft', 'flame')).toBe(0);
    const empty = { ...view.nodes, length: 0 };
    expect(moveSelection(empty, -1, 'ArrowUp', 'flame')).toBe(-1);
  });

  it('reveals a box outside the window or too narrow to read, and leaves a visible one alone', () => {
    const bounds = fullWindow(view);
    const render = nodeAt(view, 'main;render');
    const left = { start: 0, end: 40 };
    expect(revealWindow(left, view.nodes, nodeAt(view, 'main;work;hot'), bounds)).toBe(left);
    const moved = revealWindow(left, view.nodes, render, bounds);
    expect(moved.end - moved.start).toBe(40);
    expect(moved.start).toBeLessThanOrEqual(view.nodes.start[render]!);
    expect(moved.end).toBeGreaterThanOrEqual(view.nodes.start[render]! + view.nodes.total[render]!);
    // A box far narrower than the window is zoomed to a tenth of it.
    const wide = { start: 0, end: 83 };
    const tiny = flameGraph('main;big 10000\nmain;tiny 1');
    const tinyNode = nodeAt(tiny, 'main;tiny');
    const zoomed = revealWindow(fullWindow(tiny), tiny.nodes, tinyNode, fullWindow(tiny));
    expect(zoomed.end - zoomed.start).toBeCloseTo(10);
    expect(revealWindow(wide, view.nodes, nodeAt(view, 'main'), bounds)).toBe(wide);
  });
});

describe('flame graph colours', () => {
  const frames = flameGraph(`
    js:main;js:alpha;native:write 3
    js:main;js:beta 2
    js:main;js:gamma 2
    js:main;js:delta 2
    js:main;js:epsilon 2
    js:main;js:zeta 2
  `).frames;
  const named = (name: string) => frames.findIndex((frame) => frame.name === name);

  it('gives one function the same colour every time, and several JavaScript functions several colours', () => {
    const first = frameColors(frames);
    const again = frameColors(frames.map((frame) => ({ ...frame })).reverse()).reverse();
    expect(Array.from(again)).toEqual(Array.from(first));
    const jsColours = new Set(
      frames.filter((frame) => frame.kind === 'js').map((frame) => first[frames.indexOf(frame)]),
    );
    // More shades than the four lightness steps a kind once had.
    expect(jsColours.size).toBeGreaterThanOrEqual(5);
    // Every JavaScript shade stays in the amber hue: red over blue.
    for (const color of jsColours) {
      const [red, , blue] = /\d+ \d+ \d+/.exec(flamePalettes.dark.css[color!]!)![0].split(' ').map(Number);
      expect(red).toBeGreaterThan(blue!);
    }
  });

  it('colours by module or file when asked, falling back to coarser keys', () => {
    const withModules = frames.map((frame, index) => ({
      ...frame,
      module: index % 2 === 0 ? 'lodash' : null,
      file: frame.name === 'beta' ? '/app/src/beta.js' : null,
    }));
    const byModule = frameColors(withModules, 'module');
    const inLodash = withModules.filter((frame) => frame.module === 'lodash' && frame.kind === 'js');
    expect(new Set(inLodash.map((frame) => byModule[withModules.indexOf(frame)])).size).toBe(1);
    expect(colorKey(withModules[named('beta')]!, 'file')).toBe('/app/src/beta.js');
    expect(colorKey(withModules[named('beta')]!, 'module')).toBe('/app/src/beta.js');
    expect(colorKey(withModules[named('gamma')]!, 'file')).toBe('lodash');
    expect(colorKey(withModules[named('delta')]!, 'file')).toBe('delta');
    expect(isFlameColorMode('file')).toBe(true);
    expect(isFlameColorMode('kind; drop table')).toBe(false);
  });

  it('draws the gap after a box a little darker than the box, not the background', () => {
    const color = frameColors(frames)[named('alpha')]!;
    const brightness = (pixel: number) => (pixel & 0xff) + ((pixel >> 8) & 0xff) + ((pixel >> 16) & 0xff);
    expect(brightness(flamePalettes.dark.separators[color]!)).toBeLessThan(
      brightness(flamePalettes.dark.pixels[color]!),
    );
    expect(brightness(flamePalettes.dark.separators[color]!)).toBeGreaterThan(
      brightness(flamePalettes.dark.pixels[color]!) / 2,
    );
  });

  it('reads the canvas colours from the theme and keeps the dark ones for missing or odd values', () => {
    // The build minifies #ffffff to #fff.
    const values: Record<string, string> = {
      '--flame-background': ' #fff',
      '--flame-hover': 'red',
      '--flame-label': '#1F6FEB',
    };
    const chrome = readFlameChrome({ getPropertyValue: (name: string) => values[name] ?? '' });
    expect(chrome.background).toBe('#ffffff');
    expect(chrome.label).toBe('#1f6feb');
    expect(chrome.hover).toBe(darkFlameChrome.hover);
    expect(chrome.rootLabel).toBe(darkFlameChrome.rootLabel);
  });
});
