/**
 * Median and bootstrap confidence interval (percentile method) for SLOs measured
 * `repeat: N` times. The verdict is INCONCLUSIVE when the interval straddles the objective:
 * the runs cannot tell which side of the line the system is on.
 *
 *   const ci = bootstrapCi([41, 44, 39, 52, 47]);   // { median: 44, lo: 39, hi: 52 }
 *   straddles(ci, 50)                               // true -> INCONCLUSIVE
 */
import { mulberry32 } from './prng.js';
import { quantileSorted } from './quantile.js';

export interface BootstrapOptions {
  /** Number of resamples; default 2000. */
  resamples?: number;
  /** PRNG seed, so the same values give the same interval; default 1. */
  seed?: number;
  /** Coverage of the interval in (0, 1); default 0.95. */
  confidence?: number;
}

export interface ConfidenceInterval {
  /** Median of the original values (not of the resamples). */
  median: number;
  lo: number;
  hi: number;
}

export function bootstrapCi(values: readonly number[], options: BootstrapOptions = {}): ConfidenceInterval {
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const n = values.length;
  if (n === 0) throw new RangeError('bootstrapCi needs at least one value; got none (no data is never a verdict)');
  if (values.some((v) => !Number.isFinite(v))) {
    throw new RangeError(`bootstrapCi needs finite numbers; got ${values.filter((v) => !Number.isFinite(v)).join(', ')}`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence ${confidence} must be in (0, 1), e.g. 0.95`);
  if (!Number.isInteger(resamples) || resamples < 100) {
    throw new RangeError(`resamples ${resamples} must be an integer >= 100 (2000 is the default)`);
  }
  const original = Float64Array.from(values).sort();
  const median = quantileSorted(original, 0.5);
  const rng = mulberry32(options.seed ?? 1);
  const medians = new Float64Array(resamples);
  const sample = new Float64Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = original[Math.floor(rng() * n)]!;
    sample.sort();
    medians[r] = quantileSorted(sample, 0.5);
  }
  medians.sort();
  const alpha = 1 - confidence;
  return { median, lo: quantileSorted(medians, alpha / 2), hi: quantileSorted(medians, 1 - alpha / 2) };
}

/**
 * True when the threshold lies inside the closed interval [lo, hi]: the runs cannot say
 * on which side of the objective the system is. A bound equal to the threshold counts as
 * straddling, because a strict objective (`<50`) is not met by a value of 50.
 */
export function straddles(ci: Pick<ConfidenceInterval, 'lo' | 'hi'>, threshold: number): boolean {
  return ci.lo <= threshold && threshold <= ci.hi;
}

/** The journal's `repeat` record for an SLO measured N times. */
export function summariseRepeat(
  values: readonly number[],
  options: Omit<BootstrapOptions, 'confidence'> = {},
): { n: number; values: number[]; median: number; ci95: [number, number] } {
  const ci = bootstrapCi(values, { ...options, confidence: 0.95 });
  return { n: values.length, values: [...values], median: ci.median, ci95: [ci.lo, ci.hi] };
}
