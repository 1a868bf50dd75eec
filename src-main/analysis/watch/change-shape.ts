// When a CUSUM trips, was it a step or a ramp? Within the CUSUM's own run the two look alike (a slow
// drift trips it once its residuals reach a small step's size), so the last readings before the trip
// are fitted both ways, each with its best start τ: a step (0 before τ, a constant c after) and a
// hinge (0 before τ, b·(i − τ + 1) after). Both have one free level and one τ, so the smaller
// residual sum of squares wins without a penalty. O(window) once per trip, from suffix sums.

/** The better fit: its kind, its start (an index into the window) and the fitted z at the last reading. */
export interface ChangeShape {
  kind: 'levelShift' | 'drift';
  start: number;
  /** The fitted level at the window's last reading, in the window's units (z). */
  level: number;
}

/** Fits `values` (oldest first, residuals in scales) as a step and as a ramp; see the file comment. */
export function changeShape(values: Float64Array): ChangeShape {
  const count = values.length;
  let suffixSum = 0;
  let suffixIndexSum = 0;
  let best: ChangeShape = { kind: 'levelShift', start: count - 1, level: values[count - 1] ?? 0 };
  let bestGain = Number.NEGATIVE_INFINITY;
  for (let start = count - 1; start >= 0; start--) {
    const value = values[start]!;
    suffixSum += value;
    suffixIndexSum += start * value;
    const length = count - start;
    // The SSE a fit removes: (Σy)²/n for a step; (Σ(j+1)y)²/Σ(j+1)² for a hinge, j = i − start.
    const stepGain = (suffixSum * suffixSum) / length;
    const weighted = suffixIndexSum - (start - 1) * suffixSum;
    const squares = (length * (length + 1) * (2 * length + 1)) / 6;
    const hingeGain = (weighted * weighted) / squares;
    if (stepGain > bestGain) {
      bestGain = stepGain;
      best = { kind: 'levelShift', start, level: suffixSum / length };
    }
    if (hingeGain > bestGain) {
      bestGain = hingeGain;
      best = { kind: 'drift', start, level: (weighted / squares) * length };
    }
  }
  return best;
}
