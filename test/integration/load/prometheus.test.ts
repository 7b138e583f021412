import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, Load, runLoad, startLoadMetricsServer, type LoadResult } from '../../../harness/load/index.js';
import { startCalibrationTarget, type CalibrationTarget } from './fixtures/target.js';

let target: CalibrationTarget;
beforeAll(async () => {
  target = await startCalibrationTarget();
});
afterAll(async () => {
  await target?.stop();
});

/** One sample line of the text exposition format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: m[3] === '+Inf' ? Infinity : Number(m[3]) });
  }
  return out;
}

/** PromQL's sum(name{match}) over one scrape. */
function sum(samples: Sample[], name: string, match: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
}

const ERRORS = 200; // GET /fail-every/10: every 10th request (counted by the server) answers 500
const SLOW = 8; // GET /delay/300: each request held 300 ms, so its duration lies in (0.25 s, 0.5 s]

/** One run per mode, shared by the tests that need it (so a filtered test still gets its run). */
const runs = new Map<number, Promise<{ r: LoadResult; contentType: string; samples: Sample[] }>>();
function run(workers: number): Promise<{ r: LoadResult; contentType: string; samples: Sample[] }> {
  let p = runs.get(workers);
  if (!p) {
    p = (async () => {
      const server = await startLoadMetricsServer({ port: 0 });
      try {
        const r = await runLoad(
          {
            errors: Load.sharedIterations({ vus: 4, iterations: ERRORS, exec: http({ url: `${target.url}/fail-every/10?workers=${workers}` }) }),
            slow: Load.sharedIterations({ vus: 4, iterations: SLOW, exec: http({ url: `${target.url}/delay/300` }) }),
          },
          { workers, metricsServer: server, submetrics: ['http_reqs{status:200}', 'http_reqs{status:500}'] },
        );
        const res = await request(server.url);
        return { r, contentType: String(res.headers['content-type']), samples: parseExposition(await res.body.text()) };
      } finally {
        await server.close();
      }
    })();
    runs.set(workers, p);
  }
  return p;
}

describe('load metrics for Prometheus (real HTTP target, real scrape)', () => {
  it.each([1, 2])('workers: %i — status and method labels and histograms agree exactly with the run result', async (workers) => {
    const { r, contentType, samples } = await run(workers);
    expect(r.workers).toBe(workers);
    expect(contentType).toContain('text/plain');
    const count = (name: string): number => r.metrics[name]?.values.count ?? NaN;

    // sum(archtdd_load_http_reqs_total{status="500"}) and friends
    expect(count('http_reqs')).toBe(ERRORS + SLOW);
    expect(sum(samples, 'archtdd_load_http_reqs_total')).toBe(count('http_reqs'));
    expect(sum(samples, 'archtdd_load_http_reqs_total', { status: '500' })).toBe(count('http_reqs{status:500}'));
    expect(sum(samples, 'archtdd_load_http_reqs_total', { status: '200' })).toBe(count('http_reqs{status:200}'));
    expect(count('http_reqs{status:500}')).toBe(ERRORS / 10);
    expect(sum(samples, 'archtdd_load_http_reqs_total', { scenario: 'errors', status: '500', method: 'GET' })).toBe(ERRORS / 10);
    expect(sum(samples, 'archtdd_load_http_reqs_total', { scenario: 'slow', status: '200', method: 'GET' })).toBe(SLOW);
    expect(new Set(samples.filter((s) => s.name === 'archtdd_load_http_reqs_total').map((s) => s.labels.status))).toEqual(new Set(['200', '500']));
    expect(sum(samples, 'archtdd_load_http_req_failed_total', { status: '500' })).toBe(ERRORS / 10);
    expect(sum(samples, 'archtdd_load_http_req_failed_total')).toBe(r.metrics.http_req_failed!.values.passes);
    expect(sum(samples, 'archtdd_load_http_req_failed_samples_total')).toBe(ERRORS + SLOW);
    expect(sum(samples, 'archtdd_load_iterations_total', { scenario: 'errors' })).toBe(ERRORS);
    expect(sum(samples, 'archtdd_load_iterations_total', { scenario: 'slow' })).toBe(SLOW);
    expect(sum(samples, 'archtdd_load_iterations_total')).toBe(r.iterations);

    // histograms: every series' +Inf bucket is its _count, buckets never decrease, counts match the result
    for (const h of ['http_req_duration', 'http_req_waiting', 'iteration_duration']) {
      const name = `archtdd_load_${h}_seconds`;
      expect(sum(samples, `${name}_count`)).toBe(count(h));
      for (const c of samples.filter((s) => s.name === `${name}_count`)) {
        const buckets = samples.filter((s) => s.name === `${name}_bucket` && ['scenario', 'status', 'method'].every((k) => s.labels[k] === c.labels[k]));
        expect(buckets.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: c.value });
        expect(buckets.map((b) => b.value)).toEqual(buckets.map((b) => b.value).sort((a, b) => a - b));
      }
    }
    const slow = { scenario: 'slow', status: '200', method: 'GET' };
    expect(sum(samples, 'archtdd_load_http_req_duration_seconds_count', slow)).toBe(SLOW);
    expect(sum(samples, 'archtdd_load_http_req_duration_seconds_bucket', { ...slow, le: '0.25' })).toBe(0);
    expect(sum(samples, 'archtdd_load_http_req_duration_seconds_bucket', { ...slow, le: '0.5' })).toBe(SLOW);
    expect(sum(samples, 'archtdd_load_http_req_duration_seconds_sum', slow)).toBeGreaterThanOrEqual(SLOW * 0.3);

    // gauges and counters registered before any sample
    expect(samples.some((s) => s.name === 'archtdd_load_vus')).toBe(true);
    expect(sum(samples, 'archtdd_load_dropped_iterations_total', { scenario: 'errors' })).toBe(0);
  });

  it('both modes export the same series, with the same counter values and histogram counts', async () => {
    const [single, workers] = [await run(1), await run(2)];
    // values that do not depend on timing: counters and histogram counts (bucket counts and sums do; gauges are sampled)
    const exact = (s: Sample): boolean => s.name.endsWith('_total') || s.name.endsWith('_count');
    const view = (samples: Sample[]): string[] => samples.map((s) => `${s.name}${JSON.stringify(s.labels)}${exact(s) ? ` ${s.value}` : ''}`).sort();
    expect(view(workers.samples)).toEqual(view(single.samples));
  });
});
