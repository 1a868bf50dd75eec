// One side of a CUSUM (Page 1954) on standardized residuals: S = max(0, S + z − k), tripping at h.
// O(1) per reading.

/** The upper CUSUM of the values it is given (give −z for the lower one). */
export class CusumSide {
  sum = 0;

  /** Adds one standardized reading with the allowance `slack`. */
  add(z: number, slack: number): void {
    this.sum = Math.max(0, this.sum + z - slack);
  }

  reset(): void {
    this.sum = 0;
  }
}
