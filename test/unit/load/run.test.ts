import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Counter, Load, runLoad, toLoadSummary, toSeriesRecords, Trend } from '../../../harness/load/index.js';

const work = new Trend('work_time', true);
const items = new Counter('items');

describe('runLoad with a function target (fake I/O: the target sleeps)', () => {
  it('writes k6 --summary-export layout: trends in ms with the chosen stats, counters, rates, thresholds as "failed?"', async () => {
    const r = await runLoad(
      Load.sharedIterations({
        vus: 4,
        iterations: 40,
        exec: async (ctx) => {
          await sleep(5);
          ctx.metrics.add(work, ctx.iteration % 2 ? 7 : 5, { kind: ctx.iteration % 2 ? 'odd' : 'even' });
          ctx.metrics.add(items, 2);
          if (ctx.iteration === 0 && ctx.vu === 1) throw new Error('first iteration of VU 1 fails');
        },
      }),
      {
        metrics: [work, items],
        thresholds: { work_time: ['p(95)<100'], 'work_time{kind:odd}': ['max<1'], items: ['count==80'], iteration_failed: ['rate<0.05'] },
      },
    );
    const x = r.toSummaryExport(['avg', 'min', 'med', 'max', 'p(90)', 'p(99.9)', 'count']);
    expect(x.metrics.iterations).toEqual({ count: 40, rate: expect.any(Number) });
    expect(x.metrics.items).toMatchObject({ count: 80, thresholds: { 'count==80': false } });
    expect(x.metrics.work_time).toMatchObject({ min: 5, max: 7, count: 40, thresholds: { 'p(95)<100': false } });
    expect(Object.keys(x.metrics.work_time!)).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(99.9)', 'count', 'thresholds']);
    expect(x.metrics['work_time{kind:odd}']).toMatchObject({ min: 7, thresholds: { 'max<1': true } });
    expect(x.metrics.iteration_failed).toEqual({ passes: 1, fails: 39, value: 1 / 40, thresholds: { 'rate<0.05': false } });
    // Node timers run on the loop's cached ms clock: a 5 ms sleep can end after ~4.x ms of real time.
    expect(x.metrics.iteration_duration!.min).toBeGreaterThan(4);
    expect(r.thresholdsOk).toBe(false);
    expect(r.errors).toEqual(['first iteration of VU 1 fails']);
  });

  it('a threshold on a metric without samples fails: no data is never a pass', async () => {
    const r = await runLoad(Load.perVuIterations({ vus: 1, iterations: 3, exec: async () => {} }), {
      thresholds: { http_req_duration: ['p(95)<100'], dropped_iterations: ['count==0'] },
    });
    expect(r.thresholds).toEqual([
      expect.objectContaining({ metric: 'http_req_duration', ok: false, observed: null, reason: expect.stringContaining('no samples') }),
      expect.objectContaining({ metric: 'dropped_iterations', ok: true, observed: 0 }),
    ]);
  });

  it('abortOnFail stops the run after delayAbortEval once the threshold is crossed', async () => {
    const slow = new Trend('slow', true);
    const r = await runLoad(
      Load.constantVus({
        vus: 2,
        duration: '20s',
        exec: async (ctx) => {
          await sleep(20);
          ctx.metrics.add(slow, 500);
        },
      }),
      { metrics: [slow], thresholds: { slow: [{ threshold: 'p(95)<100', abortOnFail: true, delayAbortEval: '1s' }] } },
    );
    expect(r.aborted).toMatch(/threshold "p\(95\)<100" on slow crossed with abortOnFail/);
    expect(r.durationMs).toBeLessThan(10_000);
    expect(r.thresholds[0]).toMatchObject({ ok: false, abortOnFail: true });
  });

  it('maps the result to the journal: LoadSummary and per-second series', async () => {
    const r = await runLoad(Load.constantArrivalRate({ rate: 50, duration: '2s', preAllocatedVUs: 2, maxVUs: 10, exec: () => sleep(2) }));
    const s = toLoadSummary(r);
    expect(s).toMatchObject({ executor: 'constant-arrival-rate', iterations: 100, droppedIterations: 0, failedRate: 0 });
    expect(s.description).toBe('default: 50.00 iterations/s for 2s (maxVUs: 2-10, gracefulStop: 30s)');
    expect(s.latencyMs['p(95)']).toBeGreaterThanOrEqual(2);
    const series = toSeriesRecords(r);
    const rate = series.find((x) => x.name === 'load.iterations_rate')!;
    expect(rate.points.reduce((sum, [, v]) => sum + v, 0)).toBe(100);
  });

  it('rejects workers > 1 for a plain function target before anything runs', async () => {
    await expect(runLoad(Load.constantVus({ vus: 1, duration: '1s', exec: async () => {} }), { workers: 2 })).rejects.toThrow(/needs targets a worker thread can rebuild/);
  });

  it('burst: plans exactly steady + multiplier × steady + steady iterations (ramping-arrival-rate integral)', async () => {
    const r = await runLoad(Load.burst({ rate: 20, multiplier: 5, before: '1s', burst: '1s', after: '1s', preAllocatedVUs: 5, maxVUs: 50, exec: () => sleep(1) }));
    expect(r.iterations + r.dropped).toBe(20 + 100 + 20);
    expect(r.scenarios[0]!.description).toBe('Up to 100.00 iterations/s for 3s over 5 stages (maxVUs: 5-50, gracefulStop: 30s)');
    expect(Math.max(...r.series.map((p) => p.iterations + p.dropped))).toBeGreaterThanOrEqual(60);
  });

  it('ramping-vus: VUs follow the stages and stop at an iteration boundary', async () => {
    const r = await runLoad(
      Load.rampingVus({ startVUs: 0, stages: [{ duration: '1s', target: 4 }, { duration: '1s', target: 0 }], exec: () => sleep(10) }),
    );
    expect(r.metrics.vus_max!.values.max).toBe(4);
    expect(r.iterations).toBeGreaterThan(0);
    expect(r.interrupted).toBe(0);
  });
});
