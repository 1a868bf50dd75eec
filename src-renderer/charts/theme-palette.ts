// The colours of the charts' chrome (axes, grids, labels, hover line, slider) for the theme shown,
// read from app.css's variables so a canvas matches the page around it, and a way to hear of a
// theme change so a chart redraws. The data colours (series, markers, ranges) are the same in both
// themes: they are mid-tone hues chosen to read on a dark and on a light surface.

/** Colours a chart draws its chrome with. */
export interface ChartPalette {
  axis: string;
  grid: string;
  label: string;
  /** Secondary labels (ids beside a name). */
  faint: string;
  title: string;
  /** Behind text drawn over data, so the text stays readable. */
  labelPlate: string;
  hover: string;
  sliderTrack: string;
  accent: string;
}

/** The dark theme's values: used where there is no page to read (unit tests) or a variable is unset. */
const darkPalette: ChartPalette = {
  axis: '#343b48',
  grid: 'rgba(255, 255, 255, 0.05)',
  label: '#8b94a5',
  faint: '#7e8798',
  title: '#d9dee7',
  labelPlate: 'rgba(14, 16, 20, 0.85)',
  hover: 'rgba(217, 222, 231, 0.45)',
  sliderTrack: 'rgba(255, 255, 255, 0.02)',
  accent: '#5b9cff',
};

/** Which app.css variable each colour comes from. */
const variables: Record<keyof ChartPalette, string> = {
  axis: '--border-strong',
  grid: '--chart-grid',
  label: '--text-muted',
  faint: '--text-faint',
  title: '--text',
  labelPlate: '--chart-label-plate',
  hover: '--chart-hover',
  sliderTrack: '--chart-slider-track',
  accent: '--accent',
};

let cached: { theme: string | undefined; palette: ChartPalette } | null = null;

/**
 * The palette of the theme shown. Reading computed styles costs a style recalculation, and a chart
 * paints on every pointer move, so the palette is read once per value of `data-theme`.
 */
export function chartPalette(): ChartPalette {
  if (typeof document === 'undefined') return darkPalette;
  const theme = document.documentElement.dataset.theme;
  if (cached && cached.theme === theme) return cached.palette;
  const style = getComputedStyle(document.documentElement);
  const palette = { ...darkPalette };
  for (const key of Object.keys(variables) as (keyof ChartPalette)[]) {
    const value = style.getPropertyValue(variables[key]).trim();
    if (value) palette[key] = value;
  }
  cached = { theme, palette };
  return palette;
}

/** Calls `changed` whenever the theme on <html> changes; returns the function that stops listening. */
export function observeTheme(changed: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => {};
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
