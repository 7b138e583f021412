/**
 * A burst: a steady arrival rate, `multiplier` times that rate for `burst`, back to steady.
 * Built on ramping-arrival-rate with zero-length stages for the jumps (k6 allows them).
 */
import type { RampingArrivalRateConfig, Target, TargetFn } from './types.js';

export interface BurstOptions {
  /** steady iterations per timeUnit */
  rate: number;
  /** burst rate = rate × multiplier */
  multiplier: number;
  timeUnit?: string | number;
  /** steady phase before the burst */
  before: string | number;
  /** length of the burst */
  burst: string | number;
  /** steady phase after the burst */
  after: string | number;
  /** ramp into and out of the burst; default 0 (a jump) */
  ramp?: string | number;
  preAllocatedVUs: number;
  maxVUs?: number;
  exec?: Target | TargetFn;
  name?: string;
  tags?: Record<string, string>;
  startTime?: string | number;
  gracefulStop?: string | number;
}

export function burst(o: BurstOptions): RampingArrivalRateConfig {
  const peak = o.rate * o.multiplier;
  const ramp = o.ramp ?? 0;
  const config: RampingArrivalRateConfig = {
    executor: 'ramping-arrival-rate',
    startRate: o.rate,
    timeUnit: o.timeUnit ?? '1s',
    stages: [
      { duration: o.before, target: o.rate },
      { duration: ramp, target: peak },
      { duration: o.burst, target: peak },
      { duration: ramp, target: o.rate },
      { duration: o.after, target: o.rate },
    ],
    preAllocatedVUs: o.preAllocatedVUs,
  };
  for (const k of ['maxVUs', 'exec', 'name', 'tags', 'startTime', 'gracefulStop'] as const) {
    if (o[k] !== undefined) (config as unknown as Record<string, unknown>)[k] = o[k];
  }
  return config;
}
