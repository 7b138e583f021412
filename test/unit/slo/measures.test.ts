import { describe, expect, it } from 'vitest';
import type { FaultRecord } from '../../../harness/journal/schema.js';
import type { ScenarioRunView } from '../../../harness/scenario/view.js';
import { measureDetection, measureOutage, measurePromqlRecovery, measureRecovery } from '../../../harness/slo/measures.js';

// Synthetic runs (no servers): 10 iterations a second from t=0 with `errors[i]` failing in second i;
// a fake Prometheus answers the range query with `prom` points.
function run(errors: number[], fault: Partial<FaultRecord>, prom: Array<[number, number]> = []): ScenarioRunView {
  const series = [
    { name: 'load.iterations_rate', unit: '', points: errors.map((_, i) => [i * 1000, 10] as [number, number]) },
    { name: 'load.errors_rate', unit: '', points: errors.map((e, i) => [i * 1000, e] as [number, number]) },
  ];
  return {
    env: { prom: { queryRange: async () => [{ labels: {}, points: prom }] }, scrapeIntervalSeconds: 1 },
    phases: [{ phase: 'after', start: 5000, end: 10_000 }],
    faults: [{ id: 'f', kind: 'down', target: 'a->b', params: {}, observed: true, ...fault }],
    load: { series, value: () => null, samples: () => 0, summary: {} as never, window: { start: 0, end: errors.length * 1000 } },
    window: () => ({ start: 0, end: errors.length * 1000 }),
  } as unknown as ScenarioRunView;
}

describe('measures over synthetic series', () => {
  it('recovery: from the fault removal to the end of the last failing second', () => {
    expect(measureRecovery(run([0, 0, 10, 10, 3, 0, 0, 0], { appliedAt: 2000, removedAt: 4000 }), 'a->b', 0.01).value).toBe(1);
    expect(measureRecovery(run([0, 0, 10, 10, 0, 0, 0, 0], { appliedAt: 2000, removedAt: 4000 }), 'a->b', 0.01).value).toBe(0);
  });

  it('recovery never reached is a lower bound, said in the note', () => {
    const r = measureRecovery(run([0, 0, 10, 10, 10, 10, 10, 10], { appliedAt: 2000, removedAt: 4000 }), 'a->b', 0.01);
    expect(r.value).toBe(4);
    expect(r.note).toMatch(/lower bound/);
  });

  it('no fault on the target is no data', () => {
    expect(measureRecovery(run([0, 0, 0], {}), 'x->y', 0.01).value).toBeNull();
  });

  it('detection: from the fault to the first second over the limit', () => {
    expect(measureDetection(run([0, 0, 0, 8, 10], { appliedAt: 2000, removedAt: 5000 }), 'a->b', 0.5).value).toBe(1);
    expect(measureDetection(run([0, 0, 0, 0, 0], { appliedAt: 2000, removedAt: 5000 }), 'a->b', 0.5).value).toBeNull();
  });

  it('outage: seconds at or over the limit', () => {
    expect(measureOutage(run([0, 5, 10, 10, 4, 0], {}), 0.5).value).toBe(3);
  });

  it('PromQL recovery: until the scrape after the last bad one, or a lower bound', async () => {
    const pts: Array<[number, number]> = [[5000, 900], [6000, 400], [7000, 150], [8000, 40], [9000, 0]];
    expect((await measurePromqlRecovery(run([], {}, pts), 'lag', 100, 'after')).value).toBe(3);
    const stuck = await measurePromqlRecovery(run([], {}, pts.slice(0, 3)), 'lag', 100, 'after');
    expect(stuck.value).toBe(2);
    expect(stuck.note).toMatch(/lower bound/);
  });
});
