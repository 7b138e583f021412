/**
 * Calibration: inject a known truth into the real system and check the harness measures it.
 *   - latency: half the reads ask the catalog for a fixed extra 20 ms, interleaved with plain reads in
 *     the same run -> p50(delayed) - p50(plain) = the delay the service really added (its own p50,
 *     >= 20 ms: a busy machine fires timers late) +/- 2 ms; machine noise hits both kinds of read and cancels
 *   - errors: every 50th read answers 500 -> PromQL 5xx ratio 0.02 +/- 0.002, load http_req_failed 0.02 +/- 0.002
 *   - outage: the database link is cut for exactly 10 s with a cold cache -> client-side outage 10 +/- 1.5 s
 */
import { afterAll, describe, expect, it } from 'vitest';
import '../../../cli/plugins.js';
import { Fault } from '../../../chaos/faults/index.js';
import { Load, http } from '../../../harness/load/index.js';
import { defineScenario } from '../../../harness/scenario/define.js';
import { runScenario, type ScenarioRun } from '../../../harness/scenario/run.js';
import { defineSlo, Sli } from '../../../harness/slo/define.js';
import { Measure } from '../../../harness/slo/measures.js';
import { catalogEnvironment } from '../../../systems/catalog/index.js';

const runs: ScenarioRun[] = [];
afterAll(async () => {
  for (const r of runs) await r[Symbol.asyncDispose]();
});

const reads = (url: string, rate: number, duration: string, products: number) =>
  Load.constantArrivalRate({
    name: 'reads',
    rate,
    timeUnit: '1s',
    duration,
    preAllocatedVUs: 20,
    maxVUs: 200,
    exec: http({ url: `${url}/products/1`, path: ({ iteration }) => `/products/${(iteration % products) + 1}`, timeoutMs: 3000 }),
  });

describe('calibration against the real catalog service', () => {
  it('measures an added 20 ms (p50 difference = the service-side added delay +/- 2 ms) and exactly 2% injected errors (0.02 +/- 0.002, PromQL and load)', { retry: 2 }, async () => {
    const slo = (id: string, sli: ReturnType<typeof Sli.load>, objective: string) => defineSlo({ id, title: id, layer: 'application', hypothesis: 'calibration', sli, objective });
    const plain = slo('plain-p50', Sli.load('http_req_duration{scenario:plain}'), 'p(50)<1000');
    const delayed = slo('delayed-p50', Sli.load('http_req_duration{scenario:delayed}'), 'p(50)<1000');
    const failed = slo('failed', Sli.load('http_req_failed'), 'rate<1');
    const ratio = defineSlo({
      id: 'ratio', title: 'ratio', layer: 'application', hypothesis: 'calibration',
      sli: Sli.promql('sum(increase(http_requests_total{job="catalog",status="500"}[$window])) / sum(increase(http_requests_total{job="catalog",route="/products/:id"}[$window]))'),
      objective: 'value<1',
    });
    const reads = (name: string, url: string) =>
      Load.constantArrivalRate({ name, rate: 50, timeUnit: '1s', duration: '15s', preAllocatedVUs: 20, maxVUs: 200, exec: http({ url, timeoutMs: 3000 }) });
    const scenario = defineScenario({
      id: 'calibration-latency-errors', title: 'calibration',
      environment: catalogEnvironment({ failEvery: 50, productCount: 50 }),
      load: (env) => [reads('plain', `${env.url('catalog')}/products/1`), reads('delayed', `${env.url('catalog')}/products/1?delay_ms=20`)],
      slos: [plain, delayed, failed, ratio],
    });
    const run = await runScenario(scenario);
    runs.push(run);
    expect(run.error).toBeUndefined();
    const p = (await run.evaluate(plain)).measured.value!;
    const d = (await run.evaluate(delayed)).measured.value!;
    const rFailed = await run.evaluate(failed);
    const rRatio = await run.evaluate(ratio);
    const [truth] = await run.view!.env.prom.query('max(catalog_injected_delay_seconds{job="catalog",quantile="0.5"}) * 1000');
    const added = truth!.value;
    console.info(`calibration: p50 plain ${p} ms, delayed ${d} ms, measured added ${d - p} ms, truth (service-side p50 of the added delay) ${added} ms; http_req_failed ${rFailed.measured.value}, PromQL 5xx ratio ${rRatio.measured.value} (truth 0.02)`);
    // Node starts a timer from the event loop's cached millisecond clock, so a 20 ms setTimeout can
    // measure up to 1 ms short on performance.now(): the service really waited 19-21 ms.
    expect(added).toBeGreaterThanOrEqual(19);
    expect(added).toBeLessThanOrEqual(22);
    expect(Math.abs(d - p - added)).toBeLessThanOrEqual(2);
    expect(rFailed.evidence.samples).toBeGreaterThanOrEqual(1400);
    expect(Math.abs(rFailed.measured.value! - 0.02)).toBeLessThanOrEqual(0.002);
    expect(rRatio.verdict).toBe('PASS');
    expect(Math.abs(rRatio.measured.value! - 0.02)).toBeLessThanOrEqual(0.002);
  });

  it('measures a 10 s database outage as 10 +/- 1.5 s of failing reads, and recovery under 2 s', async () => {
    const outage = defineSlo({ id: 'outage', title: 'outage', layer: 'application', hypothesis: 'calibration', sli: Measure.outageSeconds({ errorRatioAbove: 0.5 }), objective: 'value<60' });
    const recovery = defineSlo({ id: 'recovery', title: 'recovery', layer: 'application', hypothesis: 'calibration', sli: Measure.recoveryAfter('catalog->postgres', { errorRatioBelow: 0.01 }), objective: 'value<60' });
    const scenario = defineScenario({
      id: 'calibration-outage', title: 'calibration',
      // a cold, tiny-TTL cache over many products: nearly every read needs the database
      environment: catalogEnvironment({ productCount: 5000, cacheTtlSeconds: 1 }),
      phases: [
        { name: 'before', duration: '5s' },
        { name: 'outage', duration: '10s', faults: [{ target: 'catalog->postgres', fault: Fault.down() }] },
        { name: 'after', duration: '6s' },
      ],
      load: (env) => [reads(env.url('catalog'), 100, '21s', 5000)],
      slos: [outage, recovery],
    });
    const run = await runScenario(scenario);
    runs.push(run);
    expect(run.error).toBeUndefined();
    const fault = run.record.faults[0]!;
    expect(fault.observed).toBe(true);
    expect(Math.abs(fault.removedAt! - fault.appliedAt! - 10_000)).toBeLessThan(500);
    const o = await run.evaluate(outage);
    expect(Math.abs(o.measured.value! - 10)).toBeLessThanOrEqual(1.5);
    const r = await run.evaluate(recovery);
    console.info(`calibration: outage ${o.measured.value} s (truth 10 s), recovery ${r.measured.value} s`);
    expect(r.measured.value).toBeLessThan(2);
  });
});
