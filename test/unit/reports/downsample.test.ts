import { describe, expect, it } from 'vitest';
import { lttb, type Point } from '../../../reports/charts/downsample.js';

const series = (n: number, f: (i: number) => number): Point[] => Array.from({ length: n }, (_, i) => [i * 10, f(i)]);

describe('lttb', () => {
  it('returns exactly the threshold number of points, first and last kept', () => {
    const pts = series(10_000, (i) => Math.sin(i / 50));
    const out = lttb(pts, 300);
    expect(out).toHaveLength(300);
    expect(out[0]).toEqual(pts[0]);
    expect(out[299]).toEqual(pts[9999]);
  });

  it('keeps a single spike that averaging would lose', () => {
    const pts = series(5000, (i) => (i === 2345 ? 1000 : 1));
    expect(lttb(pts, 100).some(([, v]) => v === 1000)).toBe(true);
  });

  it('keeps time order', () => {
    const out = lttb(series(2000, (i) => (i * 7919) % 13), 50);
    for (let i = 1; i < out.length; i++) expect(out[i]![0]).toBeGreaterThan(out[i - 1]![0]);
  });

  it('returns short series unchanged', () => {
    const pts = series(10, (i) => i);
    expect(lttb(pts, 300)).toEqual(pts);
    expect(lttb([], 300)).toEqual([]);
  });
});
