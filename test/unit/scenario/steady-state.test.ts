import { describe, expect, it } from 'vitest';
import type { FaultLike } from '../../../harness/faults/types.js';
import { degradedBeforeFaults } from '../../../harness/scenario/run.js';
import type { LoadOutcome } from '../../../harness/scenario/view.js';

// Synthetic load series (no servers): 10 iterations a second, `bad` of them failing, from t=0.
const load = (errorsPerSecond: number[]): LoadOutcome => ({
  value: () => null,
  samples: () => 0,
  summary: { executor: 'x', description: 'x', iterations: 0, droppedIterations: 0, failedRate: 0, latencyMs: {} },
  series: [
    { name: 'load.iterations_rate', unit: '', points: errorsPerSecond.map((_, i) => [i * 1000, 10] as [number, number]) },
    { name: 'load.errors_rate', unit: '', points: errorsPerSecond.map((e, i) => [i * 1000, e] as [number, number]) },
  ],
  window: { start: 0, end: errorsPerSecond.length * 1000 },
});
const fault = { kind: 'down' } as FaultLike;
const spec = [{ name: 'baseline', duration: '4s' }, { name: 'fault', duration: '4s', faults: [{ target: 'a->b', fault }] }];
const ran = [{ phase: 'baseline', start: 0, end: 4000 }, { phase: 'fault', start: 4000, end: 8000 }];

describe('steady state before the first fault (synthetic series)', () => {
  it('a healthy baseline lets the experiment stand, whatever happens during the fault', () => {
    expect(degradedBeforeFaults(spec, ran, load([0, 0, 0, 0, 10, 10, 10, 10]))).toBeUndefined();
  });

  it('more than 5% failures before the fault voids it, naming the phase and the share', () => {
    expect(degradedBeforeFaults(spec, ran, load([1, 1, 0, 1, 10, 10, 10, 10]))).toMatch(/already degraded before the first fault: 7\.5% of 40 iterations failed in baseline/);
  });

  it('no load before the fault means the steady state was never shown', () => {
    expect(degradedBeforeFaults(spec, [{ phase: 'baseline', start: 50_000, end: 54_000 }, ran[1]!], load([0, 0]))).toMatch(/never shown/);
  });

  it('scenarios without faults, or starting with one, are not judged here', () => {
    expect(degradedBeforeFaults([{ name: 'steady', duration: '4s' }], ran.slice(0, 1), load([5, 5, 5, 5]))).toBeUndefined();
    expect(degradedBeforeFaults(spec.slice(1), ran.slice(1), load([5, 5, 5, 5]))).toBeUndefined();
  });
});
