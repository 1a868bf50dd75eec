// The contrast helper the theme sweep relies on, checked against WCAG's own numbers: black on white is
// 21:1, and the published boundary greys (#767676 passes 4.5:1 on white, #777777 does not).
import { describe, expect, it } from 'vitest';
import {
  colourContrast,
  composite,
  contrastRatio,
  parseColour,
  relativeLuminance,
  textContrast,
} from '../../helpers/contrast';

describe('contrast ratio', () => {
  it('gives WCAG’s extremes: 21:1 for black on white, 1:1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('rgb(85, 85, 85)', 'rgb(85, 85, 85)')).toBeCloseTo(1, 5);
  });

  it('puts the AA boundary where WCAG’s examples do: #767676 passes 4.5:1 on white, #777777 fails', () => {
    expect(contrastRatio('#767676', '#fff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#fff')).toBeLessThan(4.5);
    // WCAG's understanding document: #959595 on white is about 3:1 (large text only).
    expect(contrastRatio('#959595', '#ffffff')).toBeCloseTo(3.0, 1);
  });

  it('measures relative luminance per WCAG (sRGB, linear below 0.03928)', () => {
    expect(relativeLuminance(parseColour('#ffffff'))).toBeCloseTo(1, 6);
    expect(relativeLuminance(parseColour('#000'))).toBe(0);
    expect(relativeLuminance(parseColour('#808080'))).toBeCloseTo(0.2159, 3);
    expect(relativeLuminance(parseColour('rgb(255, 0, 0)'))).toBeCloseTo(0.2126, 6);
  });

  it('composes a translucent colour over what is behind it before measuring', () => {
    expect(composite(parseColour('rgba(0, 0, 0, 0.5)'), parseColour('#ffffff'))).toMatchObject({
      red: 127.5,
      green: 127.5,
      blue: 127.5,
      alpha: 1,
    });
    // Fully transparent text is invisible: 1:1 whatever its channels say.
    expect(contrastRatio('rgba(0, 0, 0, 0)', '#ffffff')).toBeCloseTo(1, 6);
    // A transparent background shows the page behind it.
    expect(contrastRatio('#000000', 'rgba(0, 0, 0, 0)', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('reads the forms getComputedStyle returns and refuses anything else', () => {
    expect(parseColour('rgb(14 16 20 / 0.5)')).toEqual({ red: 14, green: 16, blue: 20, alpha: 0.5 });
    expect(parseColour('rgba(14, 16, 20, 0.85)')).toEqual({ red: 14, green: 16, blue: 20, alpha: 0.85 });
    expect(() => parseColour('oklch(0.5 0.1 200)')).toThrow(/not a colour this helper reads/);
  });
});

describe('text contrast over layered backgrounds', () => {
  it('composes the translucent layers over the first opaque one, innermost last', () => {
    // A 50 % black tint on a white panel is mid grey: white text on it reads at about 4:1.
    const { ratio, background } = textContrast('rgb(255, 255, 255)', [
      'rgba(0, 0, 0, 0.5)',
      'rgb(255, 255, 255)',
      'rgb(0, 0, 0)',
    ]);
    expect(background).toMatchObject({ red: 127.5, green: 127.5, blue: 127.5 });
    expect(ratio).toBeCloseTo(colourContrast(parseColour('#ffffff'), background), 6);
    expect(ratio).toBeGreaterThan(3.9);
    expect(ratio).toBeLessThan(4.1);
  });

  it('reads text over nothing opaque as over white, as a page without a background is', () => {
    expect(textContrast('#000', []).ratio).toBeCloseTo(21, 5);
  });
});
