/** k6 constant-arrival-rate: `rate` iterations per `timeUnit` for `duration`, open model. */
import type { ConfigIssue } from '../../errors.js';
import { formatDuration } from '../duration.js';
import { runArrival } from './arrival.js';
import { BASE_FIELDS, baseInfo, Fields, share } from './fields.js';
import type { ExecutorDefinition, ResolvedBase } from './types.js';

export interface ResolvedConstantArrivalRate extends ResolvedBase {
  rate: number;
  timeUnitMs: number;
  durationMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
  /** This worker's stripe of the iterations: i*count+index. */
  stripe: { index: number; count: number };
}

const FIELDS = [...BASE_FIELDS, 'rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'];

export const constantArrivalRate: ExecutorDefinition<ResolvedConstantArrivalRate> = {
  name: 'constant-arrival-rate',
  resolve(raw, base, path, issues: ConfigIssue[]) {
    const f = new Fields(raw, path, issues);
    f.rejectUnknown(FIELDS);
    const rate = f.number('rate', { required: "the iteration rate isn't specified", moreThan: 0, what: 'iteration rate' });
    const timeUnitMs = f.duration('timeUnit', { def: 1000, positive: true });
    const durationMs = f.duration('duration', { required: 'the duration is unspecified', min: 1000 });
    const { preAllocatedVUs, maxVUs } = f.vuPool();
    return { ...base, rate, timeUnitMs, durationMs, preAllocatedVUs, maxVUs, stripe: { index: 0, count: 1 } };
  },
  describe(c) {
    const perSec = (c.rate * 1000) / c.timeUnitMs;
    return `${perSec.toFixed(2)} iterations/s for ${formatDuration(c.durationMs)}${baseInfo(c, vusRange(c.preAllocatedVUs, c.maxVUs))}`;
  },
  maxVUs: (c) => c.maxVUs,
  durationMs: (c) => c.durationMs,
  run(c, rt) {
    const period = c.timeUnitMs / c.rate;
    const { index, count } = c.stripe;
    return runArrival({ offsetOf: (i) => (i * count + index) * period, durationMs: c.durationMs, preAllocatedVUs: c.preAllocatedVUs, maxVUs: c.maxVUs }, rt);
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

/** k6 prints "maxVUs: 10" or "maxVUs: 10-50". */
export function vusRange(pre: number, max: number): string {
  return max > pre ? `maxVUs: ${pre}-${max}` : `maxVUs: ${pre}`;
}
