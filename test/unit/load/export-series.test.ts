import { beforeAll, describe, expect, it } from 'vitest';
import { ExportSeries, TIME_BUCKETS } from '../../../harness/load/metrics/export-series.js';
import { initHdr } from '../../../harness/load/metrics/hdr.js';
import { MetricsRegistry } from '../../../harness/load/metrics/registry.js';
import type { Tags } from '../../../harness/load/types.js';

beforeAll(async () => {
  await initHdr();
});

/** Every cell of a series as `metric{labels}` → values. */
function cells(s: ExportSeries, registry: MetricsRegistry): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const e of registry.all()) {
    const f = s.family(e.decl);
    for (const c of f.cells.values()) out[`${e.decl.name}${JSON.stringify(c.labelValues)}`] = [...c.values];
  }
  return out;
}

describe('ExportSeries (Prometheus-shaped series, no I/O)', () => {
  it('puts a value on a bound in that bucket and a value above the last bound only in count (+Inf)', () => {
    const registry = new MetricsRegistry();
    const s = new ExportSeries();
    registry.onSample(s.onSample);
    const tags: Tags = { scenario: 'a', status: '200', method: 'GET', name: 'x' };
    const duration = registry.get('http_req_duration')!;
    for (const ms of [5, 5.001, 40_000]) registry.add(duration, ms, tags);
    const v = [...s.family(duration.decl).cells.values()][0]!.values;
    const at = (le: number): number => v[2 + TIME_BUCKETS.indexOf(le)]!;
    expect(v[0]).toBe(3);
    expect(v[1]).toBeCloseTo(0.005 + 0.005001 + 40, 9);
    expect(at(0.005)).toBe(1);
    expect(at(0.01)).toBe(1);
    expect([...v.slice(2)].reduce((a, b) => a + b, 0)).toBe(2);
    registry.destroy();
  });

  it('keys cells by label values: tags objects with the same scenario/status/method share one cell, other tags do not split it', () => {
    const registry = new MetricsRegistry();
    const s = new ExportSeries();
    registry.onSample(s.onSample);
    const reqs = registry.get('http_reqs')!;
    registry.add(reqs, 1, { scenario: 'a', status: '0', method: 'GET', error_code: 'ECONNRESET' });
    registry.add(reqs, 1, { scenario: 'a', status: '0', method: 'GET', error_code: 'UND_ERR_HEADERS_TIMEOUT' });
    registry.add(reqs, 1, { scenario: 'a', status: '200', method: 'GET' });
    registry.add(registry.get('iterations')!, 1, { scenario: 'a', status: '200' });
    expect(cells(s, registry)).toEqual({ 'http_reqs["a","0","GET"]': [2], 'http_reqs["a","200","GET"]': [1], 'iterations["a"]': [1] });
    registry.destroy();
  });

  it('two workers drained at arbitrary points and applied on the main side give the cells of one series fed every sample', () => {
    const registry = new MetricsRegistry([{ name: 'depth', type: 'gauge', isTime: false }]);
    const one = new ExportSeries();
    const workers = [new ExportSeries(), new ExportSeries()];
    const main = new ExportSeries();
    const entries = ['http_reqs', 'http_req_duration', 'http_req_failed', 'iterations', 'iteration_duration', 'depth'].map((n) => registry.get(n)!);
    const tagSets: Tags[] = ['200', '500', '0'].flatMap((status) => ['a', 'b'].map((scenario) => ({ scenario, status, method: 'POST' })));
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const entry = entries[Math.floor(next() * entries.length)]!;
      const tags = tagSets[Math.floor(next() * tagSets.length)]!;
      const value = entry.decl.type === 'rate' ? (next() < 0.1 ? 1 : 0) : entry.decl.type === 'trend' ? next() * 2000 : entry.decl.type === 'gauge' ? i : 1;
      // the gauge is set by one worker only: "last value" has no order across threads
      const w = entry.decl.type === 'gauge' ? 0 : i % 2;
      one.onSample(entry, value, tags);
      workers[w]!.onSample(entry, value, tags);
      if (next() < 0.01) main.apply(workers[w]!.drain());
    }
    for (const w of workers) main.apply(w.drain());
    const expected = cells(one, registry);
    const got = cells(main, registry);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) {
      // sums of seconds add up in another order: equal to the last bits; counts exactly
      if (k.includes('duration')) {
        expect(got[k]![1]).toBeCloseTo(v[1]!, 9);
        expect([got[k]![0], ...got[k]!.slice(2)]).toEqual([v[0], ...v.slice(2)]);
      } else expect(got[k]).toEqual(v);
    }
    expect(workers[0]!.drain()).toEqual({ metrics: [] });
    registry.destroy();
  });
});
