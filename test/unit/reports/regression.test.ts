import { describe, expect, it } from 'vitest';
import type { SloRecord } from '../../../harness/journal/schema.js';
import { readObjective } from '../../../reports/objective.js';
import { comparePair, compareWithBaseline, isRegression } from '../../../reports/regression.js';
import { fixture } from './load-fixtures.js';

describe('readObjective', () => {
  it.each([
    ['p(95)<50', '<', 50, 'higher'],
    ['p(99)<=250ms', '<=', 250, 'higher'],
    ['avg<0.2s', '<', 200, 'higher'],
    ['rate<1%', '<', 0.01, 'higher'],
    ['value>0.9', '>', 0.9, 'lower'],
    ['count>=1000', '>=', 1000, 'lower'],
    ['value==1', '==', 1, 'either'],
    ['value!=0', '!=', 0, 'none'],
    ['avg<500us', '<', 0.5, 'higher'],
  ])('%s -> operator %s, threshold %d, %s is worse', (objective, operator, threshold, worse) => {
    const o = readObjective(objective);
    expect(o.operator).toBe(operator);
    expect(o.threshold).toBeCloseTo(threshold, 10);
    expect(o.worse).toBe(worse);
  });

  it('never throws on a malformed objective: no threshold, no direction', () => {
    expect(readObjective('fast please')).toEqual({ aggregation: 'fast please', operator: '', threshold: null, worse: 'none' });
  });
});

describe('isRegression: one case per branch', () => {
  const slo = (objective: string, tolerance?: SloRecord['tolerance']) => ({ objective, ...(tolerance ? { tolerance } : {}) });
  it.each<[string, ReturnType<typeof slo>, number, number, boolean]>([
    ['< and higher by 11% (default 10%)', slo('p(95)<50'), 100, 11, true],
    ['< and higher by 9%', slo('p(95)<50'), 100, 9, false],
    ['< and lower (an improvement)', slo('p(95)<50'), 100, -50, false],
    ['> and lower by 20%', slo('value>0.9'), 1, -0.2, true],
    ['> and higher (an improvement)', slo('value>0.9'), 0.5, 0.4, false],
    ['== moves either way beyond tolerance', slo('value==10'), 10, -2, true],
    ['!= has no wrong way', slo('value!=0'), 10, 100, false],
    ['relative 50% tolerance not exceeded', slo('p(95)<50', { relative: 0.5 }), 100, 40, false],
    ['absolute tolerance exceeded', slo('rate<0.01', { absolute: 0.002 }), 0.005, 0.0025, true],
    ['absolute tolerance not exceeded', slo('rate<0.01', { absolute: 0.002 }), 0.005, 0.0015, false],
    ['both: must exceed the larger allowance', slo('p(95)<50', { absolute: 5, relative: 0.1 }), 100, 8, false],
    ['both: exceeds both', slo('p(95)<50', { absolute: 5, relative: 0.1 }), 100, 12, true],
    ['previous 0 with relative: any worse move counts', slo('rate<0.01'), 0, 0.001, true],
    ['unparsable objective: never a regression', slo('whatever'), 1, 100, false],
  ])('%s', (_name, s, before, delta, want) => {
    expect(isRegression(s, before, delta)).toBe(want);
  });
});

describe('compareWithBaseline', () => {
  const journal = fixture('journal.json');
  const previous = fixture('previous.json');

  it('fills previous value, delta, regression and previous verdict per SLO id', () => {
    const out = compareWithBaseline(journal, previous);
    const p95 = out.slos.find((s) => s.id === 'catalog-p95')!;
    expect(p95.previous?.value).toBe(38);
    expect(p95.previous?.delta).toBeCloseTo(p95.measured.value! - 38, 10);
    expect(p95.previous?.regression).toBe(true);
    expect(out.slos.find((s) => s.id === 'cache-hit-ratio')!.previous?.verdict).toBe('PASS');
  });

  it('leaves SLOs that are new since the baseline without previous', () => {
    const out = compareWithBaseline(journal, previous);
    expect(out.slos.find((s) => s.id === 'checkout-p99-repeat')!.previous).toBeUndefined();
  });

  it('has a null delta and no regression when either side has no data', () => {
    const out = compareWithBaseline(journal, previous);
    expect(out.slos.find((s) => s.id === 'orders-delivered')!.previous).toEqual({ value: null, delta: null, regression: false, verdict: 'INVALID' });
  });

  it('returns the journal untouched without a baseline and does not mutate its input', () => {
    const before = structuredClone(journal);
    expect(compareWithBaseline(journal, undefined)).toBe(journal);
    compareWithBaseline(journal, previous);
    expect(journal).toEqual(before);
  });

  it('comparePair uses the current SLO tolerance', () => {
    const cur = { ...journal.slos[0]!, objective: 'p(95)<50', measured: { value: 130, unit: 'ms' }, tolerance: { relative: 0.5 } };
    const prev = { ...journal.slos[0]!, measured: { value: 100, unit: 'ms' } };
    expect(comparePair(cur, prev)).toMatchObject({ value: 100, delta: 30, regression: false });
  });
});
