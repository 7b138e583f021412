import { describe, expect, it } from 'vitest';
import {
  checkThreshold,
  parseThreshold,
  validateThresholdForMetric,
  worseDirection,
} from '../../../harness/thresholds/index.js';

describe('parseThreshold: valid inputs (k6 grammar, verbatim)', () => {
  it.each([
    ['p(95)<200', { aggregation: 'p(95)', percentile: 95, operator: '<', value: 200 }],
    ['p(99.9) <= 250', { aggregation: 'p(99.9)', percentile: 99.9, operator: '<=', value: 250 }],
    ['avg<100', { aggregation: 'avg', operator: '<', value: 100 }],
    ['med>=1.5', { aggregation: 'med', operator: '>=', value: 1.5 }],
    ['min>0', { aggregation: 'min', operator: '>', value: 0 }],
    ['max!=3', { aggregation: 'max', operator: '!=', value: 3 }],
    ['rate<0.01', { aggregation: 'rate', operator: '<', value: 0.01 }],
    ['count>=1000', { aggregation: 'count', operator: '>=', value: 1000 }],
    ['value==1', { aggregation: 'value', operator: '==', value: 1 }],
    ['value===1', { aggregation: 'value', operator: '===', value: 1 }],
    ['  rate  <  0.5  ', { aggregation: 'rate', operator: '<', value: 0.5 }],
  ])('%s', (src, expected) => {
    expect(parseThreshold(src)).toMatchObject({ source: src, ...expected });
  });

  it.each([
    ['p(95)<50ms', 50, 'ms'],
    ['p(95)<0.2s', 200, 's'],
    ['avg<1500us', 1.5, 'us'],
    ['rate<1%', 0.01, '%'],
  ])('unit extension %s normalises to %s', (src, value, unit) => {
    const t = parseThreshold(src);
    expect(t.value).toBeCloseTo(value, 9);
    expect(t.unit).toBe(unit);
  });
});

describe('parseThreshold: invalid inputs name the problem', () => {
  it.each([
    ['', /is empty/],
    ['p95<200', /unknown aggregation "p"|expected/],
    ['p(95)', /no comparison operator/],
    ['average<100', /unknown aggregation "average"; valid ones are avg, min, max, med, count, rate, value and p\(N\)/],
    ['p(abc)<1', /must be p\(N\)/],
    ['p(101)<1', /outside 0\.\.100/],
    ['avg<fast', /value "fast" is not a number/],
    ['avg<10h', /value "10h" is not a number/],
    ['avg=<10', /expected "aggregation operator value"/],
  ])('%j', (src, message) => {
    expect(() => parseThreshold(src)).toThrow(message);
  });
});

describe('validateThresholdForMetric (meaning after shape, as k6)', () => {
  it.each([
    ['p(95)<1', 'trend', undefined],
    ['avg<1', 'trend', undefined],
    ['rate<0.1', 'rate', undefined],
    ['count>1', 'counter', undefined],
    ['rate>1', 'counter', undefined],
    ['value>1', 'gauge', undefined],
    ['p(95)<1', 'rate', /valid ones are rate/],
    ['count>1', 'trend', /valid ones are avg, min, max, med, p\(N\)/],
    ['avg<1', 'gauge', /valid ones are value/],
    ['count>1s', 'counter', /is a duration/],
  ] as const)('%s on a %s metric', (src, type, expected) => {
    const r = validateThresholdForMetric(parseThreshold(src), type);
    if (expected === undefined) expect(r).toBeUndefined();
    else expect(r).toMatch(expected);
  });
});

describe('checkThreshold', () => {
  it.each([
    ['p(95)<200', 199.9, true],
    ['p(95)<200', 200, false],
    ['p(95)<=200', 200, true],
    ['rate>0.9', 0.9, false],
    ['rate>=0.9', 0.9, true],
    ['value==3', 3, true],
    ['value!=3', 3, false],
    ['rate<1%', 0.0099, true],
    ['rate<1%', 0.011, false],
  ] as const)('%s with %d -> %s', (src, observed, holds) => {
    expect(checkThreshold(parseThreshold(src), observed)).toBe(holds);
  });

  it('worse direction follows the operator', () => {
    expect(worseDirection(parseThreshold('p(95)<1'))).toBe('up');
    expect(worseDirection(parseThreshold('rate>0.9'))).toBe('down');
    expect(worseDirection(parseThreshold('value==1'))).toBe('either');
  });
});
