import { describe, expect, it } from 'vitest';
import { judge } from '../../../harness/slo/verdict.js';
import { parseThreshold } from '../../../harness/thresholds/index.js';

const t = parseThreshold('p(95)<50');

describe('judge: the closed set of verdicts', () => {
  it.each([
    ['a value under the objective passes', { value: 42 }, 'PASS', /satisfies/],
    ['a value over the objective fails', { value: 51 }, 'FAIL', /violates/],
    ['the boundary fails a strict objective', { value: 50 }, 'FAIL', /violates/],
    ['no data (null) is INCONCLUSIVE, never PASS', { value: null }, 'INCONCLUSIVE', /No data/],
    ['NaN (0/0 in PromQL) is INCONCLUSIVE', { value: Number.NaN }, 'INCONCLUSIVE', /No data/],
    ['too few samples is INCONCLUSIVE', { value: 10, samples: 3, minSamples: 10 }, 'INCONCLUSIVE', /3 samples.*at least 10/],
    ['harness problems make it INVALID even when the value passes', { value: 10, harnessProblems: ['the load generator fell behind'] }, 'INVALID', /fell behind/],
    ['a CI straddling the objective is INCONCLUSIVE', { value: 49, ci95: [45, 55] as [number, number] }, 'INCONCLUSIVE', /straddles/],
    ['a CI wholly under the objective passes', { value: 40, ci95: [38, 44] as [number, number] }, 'PASS', /satisfies/],
  ])('%s', (_name, input, verdict, reason) => {
    const out = judge({ threshold: t, ...input });
    expect(out.verdict).toBe(verdict);
    expect(out.reason).toMatch(reason);
  });
});
