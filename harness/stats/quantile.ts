/**
 * Quantiles of a sample with linear interpolation between closest ranks
 * (type 7 in Hyndman & Fan; what numpy, R and spreadsheets use by default).
 */

/** q in [0, 1] of values that are already sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample: give at least one value');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q=${q} is outside [0, 1]`);
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function quantile(values: readonly number[], q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}
