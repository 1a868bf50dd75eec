// The CSS variables of both themes as src-renderer/styles/app.css sets them, for unit tests that check
// colours without a browser. A variable the light theme leaves out keeps the dark value, as the
// cascade does.
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../src-renderer/styles/app.css', import.meta.url), 'utf8');

/** The variables (without their leading --) a selector's top-level blocks set, in the order they appear. */
function variables(selector: string): Map<string, string> {
  const found = new Map<string, string>();
  const blocks = new RegExp(`^${selector.replace(/[[\]']/g, (character) => `\\${character}`)} \\{([^}]*)\\}`, 'gm');
  for (const block of css.matchAll(blocks))
    for (const declaration of block[1]!.matchAll(/--([\w-]+):\s*([^;]+);/g))
      found.set(declaration[1]!, declaration[2]!.trim());
  return found;
}

const dark = variables(':root');

/** Each theme's variables by name without the leading -- ("text-faint"). */
export const themeVariables: Record<'dark' | 'light', ReadonlyMap<string, string>> = {
  dark,
  light: new Map([...dark, ...variables(":root[data-theme='light']")]),
};
