import { describe, expect, it } from 'vitest';
import { bindWindow, checkPromql, promDuration } from '../../../harness/promql/check.js';

describe('checkPromql (Prometheus Lezer grammar)', () => {
  it.each([
    'up',
    'sum(rate(http_requests_total{status=~"5.."}[$window])) / sum(rate(http_requests_total[$window]))',
    'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))',
    'sum(increase(cache_requests_total{result="hit"}[$window])) / sum(increase(cache_requests_total[$window]))',
  ])('accepts %s', (q) => {
    expect(checkPromql(q)).toEqual([]);
  });

  it.each([
    ['', /empty/],
    ['sum(rate(x[5m])', /syntax error/],
    ['rate(x[$windw])', /unknown placeholder "\$windw"|syntax error/],
    ['up{job="a"', /syntax error/],
    ['http_requests_total{status=~"5.."} / / 2', /syntax error/],
  ])('rejects %j', (q, msg) => {
    const problems = checkPromql(q);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join(' ')).toMatch(msg);
  });

  it('binds $window to a Prometheus duration, rounding up to whole seconds', () => {
    expect(promDuration(20_400)).toBe('21s');
    expect(promDuration(10)).toBe('1s');
    expect(bindWindow('rate(x[$window]) + rate(y[$window])', '30s')).toBe('rate(x[30s]) + rate(y[30s])');
  });
});
