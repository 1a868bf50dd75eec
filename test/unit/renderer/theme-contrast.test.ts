// Every text colour of both themes against every surface and tint it is drawn on, read from app.css
// itself: the pairs a screen may or may not show in the end-to-end sweep (a "less" verdict chip, an
// error toast) still reach WCAG's 4.5:1. A variable the light theme leaves out keeps the dark value,
// as the cascade does.
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../helpers/contrast';
import { themeVariables as themes } from '../../helpers/theme-variables';

/** [text, background tint or null, surfaces the tint sits on]. */
const pairs: [string, string | null, string[]][] = [
  ['text', null, ['background', 'surface', 'surface-raised', 'surface-hover', 'surface-selected']],
  ['text-strong', null, ['background', 'surface', 'surface-raised', 'surface-selected']],
  ['text-muted', null, ['background', 'surface', 'surface-raised', 'surface-selected']],
  // On a selected row faint text takes the muted colour (app.css), so the selection is not listed.
  ['text-faint', null, ['background', 'surface', 'surface-raised']],
  ['accent', null, ['background', 'surface', 'surface-raised']],
  ['accent', 'accent-soft', ['background', 'surface', 'surface-raised']],
  ['danger-text', 'danger-soft', ['background', 'surface', 'surface-raised']],
  ['warning-text', 'warning-soft', ['background', 'surface', 'surface-raised']],
  ['success-text', 'success-soft', ['background', 'surface', 'surface-raised']],
  ['danger-text', 'live-soft', ['background', 'surface']],
  ['attention-text', 'attention-soft', ['background', 'surface']],
  ['text-muted', 'neutral-soft', ['background', 'surface', 'surface-raised']],
];

describe.each(Object.entries(themes))('the %s theme', (_name, theme) => {
  const value = (name: string) => {
    const found = theme.get(name);
    if (found === undefined) throw new Error(`app.css sets no --${name}`);
    return found;
  };

  it.each(pairs)('--%s on --%s reaches 4.5:1', (text, tint, surfaces) => {
    for (const surface of surfaces) {
      const ratio = contrastRatio(value(text), tint ? value(tint) : value(surface), value(surface));
      expect(ratio, `--${text} on ${tint ? `--${tint} over ` : ''}--${surface}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('puts white labels on primary buttons at 4.5:1', () => {
    expect(contrastRatio('#ffffff', value('accent-strong'))).toBeGreaterThanOrEqual(4.5);
  });
});
