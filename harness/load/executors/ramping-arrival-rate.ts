/**
 * k6 ramping-arrival-rate: the rate moves linearly from `startRate` through each stage's
 * `target` (iterations per `timeUnit`). Iteration g starts where the integral of the rate
 * reaches g, solved per stage in closed form (no per-iteration state).
 */
import { formatDuration } from '../duration.js';
import { runArrival } from './arrival.js';
import { vusRange } from './constant-arrival-rate.js';
import { BASE_FIELDS, baseInfo, Fields, share } from './fields.js';
import type { ExecutorDefinition, ResolvedBase } from './types.js';

export interface ResolvedRampingArrivalRate extends ResolvedBase {
  startRate: number;
  timeUnitMs: number;
  stages: Array<{ durationMs: number; target: number }>;
  preAllocatedVUs: number;
  maxVUs: number;
  stripe: { index: number; count: number };
}

const FIELDS = [...BASE_FIELDS, 'startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'];

export const rampingArrivalRate: ExecutorDefinition<ResolvedRampingArrivalRate> = {
  name: 'ramping-arrival-rate',
  resolve(raw, base, path, issues) {
    const f = new Fields(raw, path, issues);
    f.rejectUnknown(FIELDS);
    const startRate = f.number('startRate', { def: 0, what: 'startRate' });
    if (startRate < 0) f.problem('startRate', `the startRate value shouldn't be negative, but is ${startRate}.`, 'Use 0 or more.');
    const timeUnitMs = f.duration('timeUnit', { def: 1000, positive: true });
    const stages = f.stages();
    const { preAllocatedVUs, maxVUs } = f.vuPool();
    return { ...base, startRate, timeUnitMs, stages, preAllocatedVUs, maxVUs, stripe: { index: 0, count: 1 } };
  },
  describe(c) {
    const maxRate = Math.max(c.startRate, ...c.stages.map((s) => s.target));
    const perSec = (maxRate * 1000) / c.timeUnitMs;
    return `Up to ${perSec.toFixed(2)} iterations/s for ${formatDuration(totalMs(c.stages))} over ${c.stages.length} stages${baseInfo(c, vusRange(c.preAllocatedVUs, c.maxVUs))}`;
  },
  maxVUs: (c) => c.maxVUs,
  durationMs: (c) => totalMs(c.stages),
  run(c, rt) {
    const at = arrivalTimes(c.startRate / c.timeUnitMs, c.stages.map((s) => ({ durationMs: s.durationMs, rate: s.target / c.timeUnitMs })));
    const { index, count } = c.stripe;
    return runArrival({ offsetOf: (i) => at(i * count + index), durationMs: totalMs(c.stages), preAllocatedVUs: c.preAllocatedVUs, maxVUs: c.maxVUs }, rt);
  },
  split(c, index, count) {
    return {
      ...c,
      preAllocatedVUs: share(c.preAllocatedVUs, index, count),
      maxVUs: share(c.maxVUs, index, count),
      stripe: { index: c.stripe.index * count + index, count: c.stripe.count * count },
    };
  },
};

function totalMs(stages: Array<{ durationMs: number }>): number {
  return stages.reduce((sum, s) => sum + s.durationMs, 0);
}

/**
 * Offset (ms) of iteration g for a piecewise-linear rate (iterations per ms), or undefined
 * after the last stage. Within a stage from r0 to r1 over D: n(t) = r0·t + (r1−r0)·t²/2D,
 * so t = 2n / (r0 + √(r0² + 2(r1−r0)n/D)).
 */
export function arrivalTimes(startRate: number, stages: Array<{ durationMs: number; rate: number }>): (g: number) => number | undefined {
  const segments: Array<{ start: number; r0: number; r1: number; d: number; before: number; count: number }> = [];
  let start = 0;
  let before = 0;
  let r0 = startRate;
  for (const s of stages) {
    const count = ((r0 + s.rate) / 2) * s.durationMs;
    segments.push({ start, r0, r1: s.rate, d: s.durationMs, before, count });
    start += s.durationMs;
    before += count;
    r0 = s.rate;
  }
  return (g) => {
    for (const seg of segments) {
      if (g >= seg.before + seg.count || seg.count === 0) continue;
      const n = g - seg.before;
      const slope = seg.d > 0 ? (seg.r1 - seg.r0) / seg.d : 0;
      const root = Math.sqrt(Math.max(0, seg.r0 * seg.r0 + 2 * slope * n));
      const t = seg.r0 + root === 0 ? 0 : (2 * n) / (seg.r0 + root);
      return seg.start + t;
    }
    return undefined;
  };
}
