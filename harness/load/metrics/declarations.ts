/**
 * Custom metrics, declared as in k6 (`new Trend('waiting_time', true)`), then fed from a
 * target with `ctx.metrics.add(waiting, ms)`. Declarations are plain values: pass them in
 * `runLoad(..., { metrics: [...] })` so thresholds on them are checked before the run.
 */
import type { MetricType } from './sinks.js';

export interface MetricDeclaration {
  readonly name: string;
  readonly type: MetricType;
  /** Trend values are durations in ms (k6 `isTime`). */
  readonly isTime: boolean;
}

/** k6 metric names: letters, digits, underscores; 1..128 characters, not starting with a digit. */
export const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

abstract class Declared implements MetricDeclaration {
  abstract readonly type: MetricType;
  constructor(
    readonly name: string,
    readonly isTime = false,
  ) {
    if (!METRIC_NAME.test(name)) {
      throw new TypeError(`Metric name "${name}" is invalid: use 1-128 letters, digits or underscores, not starting with a digit.`);
    }
  }
}

export class Counter extends Declared {
  readonly type = 'counter';
}
export class Gauge extends Declared {
  readonly type = 'gauge';
}
export class Rate extends Declared {
  readonly type = 'rate';
}
export class Trend extends Declared {
  readonly type = 'trend';
}
