// The flame graph canvas's own colours (background, labels, outlines) and which palette its boxes
// take, for the current theme: app.css sets them as --flame-* variables per data-theme, the graph
// reads them with getComputedStyle when the theme changes. Pure apart from the style object handed
// in, so unit tests read it too.

import type { FlamePaletteName } from './flame-colors';

/** Colours of the canvas around and over the boxes (CSS hex), from the theme's --flame-* variables. */
export interface FlameChrome {
  /** The boxes' palette (flame-colors.ts), from --flame-palette. */
  palette: FlamePaletteName;
  background: string;
  label: string;
  dimmedLabel: string;
  rootLabel: string;
  hover: string;
  selected: string;
}

/** The dark theme's canvas colours: used where app.css's variables are absent (tests, old reports). */
export const darkFlameChrome: FlameChrome = {
  palette: 'dark',
  background: '#14171d',
  label: '#14161b',
  dimmedLabel: '#a0a8b8',
  rootLabel: '#d9dee7',
  hover: '#f2f4f8',
  selected: '#ffffff',
};

const chromeVariables: Record<Exclude<keyof FlameChrome, 'palette'>, string> = {
  background: '--flame-background',
  label: '--flame-label',
  dimmedLabel: '--flame-dimmed-label',
  rootLabel: '--flame-root-label',
  hover: '--flame-hover',
  selected: '--flame-selected',
};

/** A #rgb or #rrggbb colour as #rrggbb (the build's minifier shortens app.css's colours); null otherwise. */
export function normalizeHex(value: string): string | null {
  const text = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(text)) return text;
  if (/^#[0-9a-f]{3}$/.test(text)) return `#${[...text.slice(1)].map((digit) => digit + digit).join('')}`;
  return null;
}

/** The canvas colours from an element's computed style; a variable that is not a hex colour keeps the dark default. */
export function readFlameChrome(style: { getPropertyValue(name: string): string }): FlameChrome {
  const chrome = { ...darkFlameChrome };
  for (const key of Object.keys(chromeVariables) as (keyof typeof chromeVariables)[]) {
    chrome[key] = normalizeHex(style.getPropertyValue(chromeVariables[key])) ?? chrome[key];
  }
  if (style.getPropertyValue('--flame-palette').trim() === 'light') chrome.palette = 'light';
  return chrome;
}
