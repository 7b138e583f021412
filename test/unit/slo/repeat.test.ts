import { describe, expect, it } from 'vitest';
import type { SloRecord, Verdict } from '../../../harness/journal/schema.js';
import { combineRepeats } from '../../../harness/slo/evaluate.js';

// Fake records: only the fields combineRepeats reads are meaningful.
const rec = (value: number | null, verdict: Verdict = 'PASS', objective = 'value<50'): SloRecord => ({
  id: 'x', title: 'x', layer: 'application', hypothesis: 'h', scenario: 's', objective, mode: 'gate',
  sli: { kind: 'promql', query: 'up' }, measured: { value, unit: 'ms' }, verdict, reason: 'r', evidence: {},
});

describe('combineRepeats (median and 95% bootstrap interval over N runs)', () => {
  it('one run is returned as is', () => {
    expect(combineRepeats([rec(10)])).toEqual(rec(10));
  });

  it('runs clearly under the objective pass on the median', () => {
    const r = combineRepeats([rec(10), rec(12), rec(11), rec(13), rec(9)]);
    expect(r.verdict).toBe('PASS');
    expect(r.measured.value).toBe(11);
    expect(r.repeat?.n).toBe(5);
    expect(r.repeat!.ci95[0]).toBeLessThanOrEqual(11);
    expect(r.repeat!.ci95[1]).toBeGreaterThanOrEqual(11);
  });

  it('runs on both sides of the objective are INCONCLUSIVE, never PASS', () => {
    const r = combineRepeats([rec(40), rec(60), rec(45), rec(55), rec(49), rec(52)]);
    expect(r.verdict).toBe('INCONCLUSIVE');
    expect(r.reason).toMatch(/straddles/);
  });

  it('one INVALID run makes the whole SLO INVALID', () => {
    const r = combineRepeats([rec(10), rec(10, 'INVALID'), rec(10)]);
    expect(r.verdict).toBe('INVALID');
    expect(r.reason).toMatch(/Run 2 of 3/);
  });

  it('fewer than two values is INCONCLUSIVE', () => {
    const r = combineRepeats([rec(null, 'INCONCLUSIVE'), rec(10)]);
    expect(r.verdict).toBe('INCONCLUSIVE');
    expect(r.reason).toMatch(/Only 1 of 2 runs/);
  });
});
