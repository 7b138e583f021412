import { describe, expect, it } from 'vitest';
import { hashString, mulberry32, randInt } from '../../../chaos/prng.js';
import { sliceOffsets } from '../../../chaos/toxics/slicer.js';

describe('seedable PRNG', () => {
  it('the same seed gives the same sequence, another seed another one', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 20 }, () => a());
    expect(Array.from({ length: 20 }, () => b())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c())).not.toEqual(sa);
  });

  it('values are in [0, 1) and about uniform (mean within 6 sigma of 0.5 over 1e5 draws)', () => {
    const r = mulberry32(1);
    let sum = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const v = r();
      if (!(v >= 0 && v < 1)) outside++;
      sum += v;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(6 * Math.sqrt(1 / 12 / n));
  });

  it('randInt stays in [0, n) and gives 0 for n <= 0 (where Go would panic)', () => {
    const r = mulberry32(9);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randInt(r, 4));
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect(randInt(r, 0)).toBe(0);
  });

  it('hashString separates names', () => {
    expect(hashString('a->redis')).not.toBe(hashString('a->postgres'));
    expect(hashString('x')).toBe(hashString('x'));
  });
});

describe('slicer offsets', () => {
  it('cover [0, n) in contiguous pieces of at most average + variation bytes', () => {
    const r = mulberry32(5);
    for (const n of [1, 50, 120, 121, 1000, 65_536]) {
      const o = sliceOffsets(r, 0, n, 100, 20);
      expect(o[0]).toBe(0);
      expect(o[o.length - 1]).toBe(n);
      for (let i = 1; i < o.length; i += 2) {
        expect(o[i]! - o[i - 1]!).toBeGreaterThan(0);
        expect(o[i]! - o[i - 1]!).toBeLessThanOrEqual(120);
        if (i + 1 < o.length) expect(o[i + 1]).toBe(o[i]);
      }
    }
  });

  it('are reproducible from the seed', () => {
    expect(sliceOffsets(mulberry32(5), 0, 5000, 64, 32)).toEqual(sliceOffsets(mulberry32(5), 0, 5000, 64, 32));
  });
});
