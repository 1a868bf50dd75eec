// Rereads the flame graph's canvas colours (flame-chrome.ts, the theme's --flame-* variables) when
// the theme switch changes <html data-theme>. Apart from flame-chrome.ts because it needs the DOM,
// which that file's unit tests run without.

import { readFlameChrome, type FlameChrome } from './flame-chrome';

/** Hands `apply` the canvas colours now and on every theme change; returns the function that stops it. */
export function followFlameChrome(apply: (chrome: FlameChrome) => void): () => void {
  const root = document.documentElement;
  const read = () => apply(readFlameChrome(getComputedStyle(root)));
  read();
  const observer = new MutationObserver(read);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
