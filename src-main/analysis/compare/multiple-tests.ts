// Adjusting p-values when many functions are compared at once: among 200 functions, about 10 come
// out "significant" at α = 0.05 by chance alone. Holm controls the chance of any false alarm;
// Benjamini–Hochberg controls the share of false alarms among the alarms, which keeps more power
// for long hotspot tables. Both are a sort and a running extreme; no library offers them for plain
// arrays, and they are checked against SciPy's false_discovery_control and Holm's definition.

/** Indexes of `values` in ascending order of value. */
function ascending(values: readonly number[]): number[] {
  return values.map((_, index) => index).sort((left, right) => values[left]! - values[right]!);
}

/** Holm's step-down adjusted p-values (family-wise error rate), in the input's order. */
export function holmAdjusted(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const adjusted = new Array<number>(count);
  let running = 0;
  ascending(pValues).forEach((index, position) => {
    running = Math.max(running, Math.min(1, (count - position) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Benjamini–Hochberg adjusted p-values (false discovery rate), in the input's order. */
export function benjaminiHochbergAdjusted(pValues: readonly number[]): number[] {
  const count = pValues.length;
  const adjusted = new Array<number>(count);
  const order = ascending(pValues);
  let running = 1;
  for (let position = count - 1; position >= 0; position--) {
    const index = order[position]!;
    running = Math.min(running, (count / (position + 1)) * pValues[index]!);
    adjusted[index] = running;
  }
  return adjusted;
}
