/**
 * SLO declarations: data first. An SLO names its SLI (a PromQL query, a load metric, or a
 * measurement computed from the run), an objective in k6's threshold grammar, a layer, a
 * hypothesis, a mode (gate fails the run; baseline records and never fails it) and a window.
 */
import type { Layer, SloMode } from '../journal/schema.js';
import type { ScenarioRunView } from '../scenario/view.js';

export type Window =
  /** the whole load run */
  | 'run'
  /** one named phase, e.g. { phase: 'fault' } */
  | { phase: string };

export type Sli =
  | { kind: 'promql'; query: string; unit: string; minSamples?: number }
  | { kind: 'load'; metric: string; unit: string }
  | {
      kind: 'measure';
      /** what is measured, one phrase (shown in the report) */
      describe: string;
      unit: string;
      measure: (run: ScenarioRunView) => Promise<MeasureResult> | MeasureResult;
    };

export interface MeasureResult {
  value: number | null;
  /** why there is no value, or how it was measured */
  note?: string;
  samples?: number;
  evidence?: Record<string, unknown>;
}

export interface SloSpec {
  id: string;
  title: string;
  layer: Layer;
  hypothesis: string;
  sli: Sli;
  /** k6 threshold grammar: "p(95)<50ms", "value<0.01", "rate<1%" */
  objective: string;
  mode?: SloMode;
  window?: Window;
  /** regression tolerance against the committed baseline (default relative 0.1) */
  tolerance?: { relative?: number; absolute?: number };
  /** run the scenario N times and judge the median with a bootstrap CI */
  repeat?: number;
}

export interface Slo extends Required<Pick<SloSpec, 'id' | 'title' | 'layer' | 'hypothesis' | 'sli' | 'objective'>> {
  mode: SloMode;
  window: Window;
  tolerance: { relative?: number; absolute?: number };
  repeat: number;
}

export function defineSlo(spec: SloSpec): Slo {
  return {
    ...spec,
    mode: spec.mode ?? 'gate',
    window: spec.window ?? 'run',
    tolerance: spec.tolerance ?? { relative: 0.1 },
    repeat: spec.repeat ?? 1,
  };
}

/** SLI factories. */
export const Sli = {
  /** A PromQL query that evaluates to one number; `$window` becomes the SLO window's duration. */
  promql(query: string, options: { unit?: string; minSamples?: number } = {}): Sli {
    return { kind: 'promql', query, unit: options.unit ?? '', ...(options.minSamples ? { minSamples: options.minSamples } : {}) };
  },
  /** A k6 metric of the load run: http_req_duration (ms), http_req_failed (ratio), iterations, ... */
  load(metric: string, options: { unit?: string } = {}): Sli {
    return { kind: 'load', metric, unit: options.unit ?? (metric.includes('duration') ? 'ms' : '') };
  },
  /** A value computed from the run (Prometheus series, fault records, checkers). */
  measure(describe: string, unit: string, measure: (run: ScenarioRunView) => Promise<MeasureResult> | MeasureResult): Sli {
    return { kind: 'measure', describe, unit, measure };
  },
};
