import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, Load, runLoad } from '../../../harness/load/index.js';
import { startCalibrationTarget, type CalibrationTarget } from './fixtures/target.js';

let target: CalibrationTarget;
beforeAll(async () => {
  target = await startCalibrationTarget();
});
afterAll(async () => {
  await target?.stop();
});

describe('load over worker threads (real sockets)', () => {
  it('2 workers split a constant arrival rate exactly (striped schedule) and merge counts, histograms, submetrics and series', async () => {
    const r = await runLoad(
      Load.constantArrivalRate({ rate: 200, duration: '3s', preAllocatedVUs: 20, maxVUs: 200, exec: http({ url: `${target.url}/fail-every/100` }) }),
      { workers: 2, thresholds: { 'http_req_duration{status:200}': ['p(99)<10000'] }, submetrics: ['http_reqs{status:500}'] },
    );
    expect(r.workers).toBe(2);
    expect(r.selfCheck.threads).toBe(2);
    // every planned iteration either ran or was dropped (the machine may be busy): none lost, none doubled
    expect(r.iterations + r.dropped).toBe(600);
    expect(r.iterations).toBeGreaterThan(0);
    const ok = r.metrics['http_req_duration{status:200}']!.values.count!;
    const failed = r.metrics['http_reqs{status:500}']!.values.count!;
    expect(r.metrics.http_req_duration!.values.count).toBe(r.iterations);
    expect(ok + failed).toBe(r.iterations);
    expect(failed).toBe(Math.floor(r.iterations / 100));
    expect(r.metrics.http_req_failed!.values.passes).toBe(failed);
    expect(r.thresholds[0]).toMatchObject({ ok: true });
    expect(r.series.reduce((s, p) => s + p.iterations, 0)).toBe(r.iterations);
    expect(r.series.reduce((s, p) => s + p.dropped, 0)).toBe(r.dropped);
    expect(r.metrics.vus_max!.values.max).toBeGreaterThanOrEqual(20);
    expect(r.metrics.vus!.values.value).toBe(0); // the last reading is taken after the workers end, not 1 s before
  });
});
