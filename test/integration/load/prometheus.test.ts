import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, Load, runLoad, startLoadMetricsServer } from '../../../harness/load/index.js';
import { startCalibrationTarget, type CalibrationTarget } from './fixtures/target.js';

let target: CalibrationTarget;
beforeAll(async () => {
  target = await startCalibrationTarget();
});
afterAll(async () => {
  await target?.stop();
});

describe('load metrics for Prometheus (real HTTP scrape)', () => {
  it('serves archtdd_load_* with counts equal to the run result', async () => {
    const server = await startLoadMetricsServer({ port: 0 });
    try {
      const r = await runLoad(
        { web: Load.sharedIterations({ vus: 5, iterations: 100, exec: http({ url: `${target.url}/fail-every/10` }) }) },
        { metricsServer: server },
      );
      const res = await request(server.url);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = await res.body.text();
      const value = (line: RegExp): number => Number(text.split('\n').find((l) => line.test(l))?.split(' ').at(-1));
      expect(value(/^archtdd_load_http_reqs_total\{scenario="web",status="200",method="GET"\}/)).toBe(90);
      expect(value(/^archtdd_load_http_reqs_total\{scenario="web",status="500",method="GET"\}/)).toBe(10);
      expect(value(/^archtdd_load_iterations_total\{scenario="web"\}/)).toBe(r.iterations);
      expect(value(/^archtdd_load_http_req_failed_total\{scenario="web",status="500"/)).toBe(10);
      expect(value(/^archtdd_load_http_req_duration_seconds_count\{scenario="web",status="200",method="GET"\}/)).toBe(90);
      expect(text).toMatch(/^archtdd_load_http_req_duration_seconds_bucket\{le="0\.005",scenario="web"/m);
      expect(text).toMatch(/^archtdd_load_vus \d+/m);
      expect(text).toMatch(/^# TYPE archtdd_load_dropped_iterations_total counter/m);
    } finally {
      await server.close();
    }
  });
});
