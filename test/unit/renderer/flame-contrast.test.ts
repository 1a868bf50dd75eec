// The flame graph's boxes and labels in both themes, with the colours app.css gives the canvas read
// through the graph's own reader (readFlameChrome): every colour index of the theme's palette takes
// its label (bright, dimmed or root) at WCAG's 4.5:1, the light theme's boxes are light and its
// dimmed boxes paler still, and the dark theme's dimmed boxes sink toward its canvas.
import { describe, expect, it } from 'vitest';
import { darkFlameChrome, readFlameChrome } from '../../../src-renderer/components/flame-graph/flame-chrome';
import {
  colorCount,
  dimmedColor,
  flamePalettes,
  isDimmedColor,
  rootColor,
} from '../../../src-renderer/components/flame-graph/flame-colors';
import { frameKinds } from '../../../src-shared/profile/profile';
import { contrastRatio, parseColour, relativeLuminance } from '../../helpers/contrast';
import { themeVariables } from '../../helpers/theme-variables';

/** The canvas colours and palette a graph reads in a theme. */
function chromeOf(theme: 'dark' | 'light') {
  const variables = themeVariables[theme];
  return readFlameChrome({ getPropertyValue: (name: string) => variables.get(name.slice(2)) ?? '' });
}

const luminance = (colour: string) => relativeLuminance(parseColour(colour));
/** The colour indexes of bright boxes: every kind's shades (dimmed, root and the diff scale excluded). */
const brightColors = Array.from({ length: dimmedColor(0) }, (_, color) => color);

describe.each(['dark', 'light'] as const)('the %s theme’s flame graph', (theme) => {
  const chrome = chromeOf(theme);
  const palette = flamePalettes[chrome.palette];

  it('paints with its own palette', () => {
    expect(chrome.palette).toBe(theme);
  });

  it('gives every box its label at 4.5:1 or more', () => {
    for (let color = 0; color < colorCount; color++) {
      const label = color === rootColor ? chrome.rootLabel : isDimmedColor(color) ? chrome.dimmedLabel : chrome.label;
      const ratio = contrastRatio(label, palette.css[color]!);
      expect(ratio, `label ${label} on colour ${color} (${palette.css[color]})`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('draws dimmed boxes nearer the canvas than any bright box', () => {
    const canvas = luminance(chrome.background);
    const distance = (colour: string) => Math.abs(luminance(colour) - canvas);
    const nearestBright = Math.min(...brightColors.map((color) => distance(palette.css[color]!)));
    for (const kind of frameKinds.keys()) {
      expect(distance(palette.css[dimmedColor(kind)]!)).toBeLessThan(nearestBright);
    }
  });
});

describe('the light theme’s palette', () => {
  it('is lighter than the dark theme’s, box for box, under the same dark labels', () => {
    for (const color of brightColors) {
      expect(luminance(flamePalettes.light.css[color]!)).toBeGreaterThan(luminance(flamePalettes.dark.css[color]!));
    }
    expect(chromeOf('light').label).toBe(chromeOf('dark').label);
  });

  it('keeps the dark default the graph uses without app.css in step with app.css', () => {
    expect(chromeOf('dark')).toEqual(darkFlameChrome);
  });
});
