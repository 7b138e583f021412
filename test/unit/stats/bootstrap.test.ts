import { describe, expect, it } from 'vitest';
import { bootstrapCi, straddles, summariseRepeat } from '../../../harness/stats/bootstrap.js';
import { mulberry32, normal } from '../../../harness/stats/prng.js';
import { median, quantile } from '../../../harness/stats/quantile.js';

/** Synthetic data from a seeded PRNG: normal with a known median. */
function normalSample(n: number, seed: number, mean = 100, sd = 10): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => normal(rng, mean, sd));
}

describe('quantile', () => {
  it.each([
    [[1, 2, 3, 4], 0.5, 2.5],
    [[5], 0.9, 5],
    [[3, 1, 2], 0, 1],
    [[3, 1, 2], 1, 3],
    [[10, 20], 0.25, 12.5],
  ])('quantile(%j, %d) = %d', (values, q, want) => {
    expect(quantile(values, q)).toBeCloseTo(want, 10);
  });

  it('refuses an empty sample and q outside [0, 1]', () => {
    expect(() => median([])).toThrow(/empty sample/);
    expect(() => quantile([1], 1.5)).toThrow(/outside \[0, 1\]/);
  });
});

describe('bootstrapCi on synthetic normal data (median 100)', () => {
  it('covers the true median in at least 90 of 100 independent samples (nominal 95%)', () => {
    let covered = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const ci = bootstrapCi(normalSample(40, seed), { resamples: 500, seed });
      if (ci.lo <= 100 && 100 <= ci.hi) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(90);
    expect(covered).toBeLessThan(100 + 1);
  });

  it('orders lo <= median <= hi and reports the median of the original values', () => {
    const values = normalSample(31, 7);
    const ci = bootstrapCi(values);
    expect(ci.median).toBe(median(values));
    expect(ci.lo).toBeLessThanOrEqual(ci.median);
    expect(ci.hi).toBeGreaterThanOrEqual(ci.median);
  });

  it('shrinks as n grows (width at n=400 well below width at n=10)', () => {
    const width = (n: number) => {
      const ci = bootstrapCi(normalSample(n, 3), { seed: 3 });
      return ci.hi - ci.lo;
    };
    const w10 = width(10);
    const w100 = width(100);
    const w400 = width(400);
    expect(w100).toBeLessThan(w10);
    expect(w400).toBeLessThan(w100);
    // Median CI width scales like 1/sqrt(n): 40x more data -> roughly 6x narrower.
    expect(w400).toBeLessThan(w10 / 2.5);
  });

  it('is reproducible with the same seed and changes with another seed', () => {
    const values = normalSample(25, 11);
    expect(bootstrapCi(values, { seed: 5 })).toEqual(bootstrapCi(values, { seed: 5 }));
    expect(bootstrapCi(values, { seed: 5 })).not.toEqual(bootstrapCi(values, { seed: 6 }));
  });

  it('a wider confidence gives a wider interval', () => {
    const values = normalSample(30, 2);
    const ci80 = bootstrapCi(values, { confidence: 0.8 });
    const ci99 = bootstrapCi(values, { confidence: 0.99 });
    expect(ci99.hi - ci99.lo).toBeGreaterThan(ci80.hi - ci80.lo);
  });

  it('collapses to a point for constant values', () => {
    expect(bootstrapCi([42, 42, 42, 42])).toEqual({ median: 42, lo: 42, hi: 42 });
  });

  it.each([
    [[], /at least one value/],
    [[1, Number.NaN], /finite numbers/],
  ])('refuses %j', (values, message) => {
    expect(() => bootstrapCi(values)).toThrow(message);
  });

  it('refuses a confidence outside (0, 1) and too few resamples', () => {
    expect(() => bootstrapCi([1, 2], { confidence: 95 })).toThrow(/must be in \(0, 1\)/);
    expect(() => bootstrapCi([1, 2], { resamples: 10 })).toThrow(/>= 100/);
  });
});

describe('straddles', () => {
  it.each([
    [{ lo: 40, hi: 60 }, 50, true],
    [{ lo: 40, hi: 49.9 }, 50, false],
    [{ lo: 50.1, hi: 60 }, 50, false],
    [{ lo: 40, hi: 50 }, 50, true],
    [{ lo: 50, hi: 60 }, 50, true],
    [{ lo: 50, hi: 50 }, 50, true],
  ])('%j vs threshold %d -> %s', (ci, threshold, want) => {
    expect(straddles(ci, threshold)).toBe(want);
  });

  it('a noisy sample around the objective straddles it; a clearly better one does not', () => {
    const around = bootstrapCi(normalSample(12, 21, 50, 15));
    expect(straddles(around, 50)).toBe(true);
    const better = bootstrapCi(normalSample(40, 22, 30, 3));
    expect(straddles(better, 50)).toBe(false);
  });
});

describe('summariseRepeat', () => {
  it('fills the journal repeat record with n, values, median and ci95', () => {
    const values = [41, 44, 39, 52, 47];
    const r = summariseRepeat(values, { seed: 9 });
    expect(r.n).toBe(5);
    expect(r.values).toEqual(values);
    expect(r.median).toBe(44);
    expect(r.ci95[0]).toBeLessThanOrEqual(44);
    expect(r.ci95[1]).toBeGreaterThanOrEqual(44);
  });
});
