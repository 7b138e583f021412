/**
 * Measurements computed from a run's timeline and the load's per-second client-side series
 * (1 s resolution): time to detect a fault, time to recover after it, outage duration.
 * Client-side on purpose: a hung server counts nothing, the client sees every failure.
 */
import type { FaultRecord, SeriesRecord } from '../journal/schema.js';
import type { ScenarioRunView } from '../scenario/view.js';
import { Sli, type MeasureResult } from './define.js';

export interface RatioPoint {
  t: number;
  ratio: number;
  total: number;
}

/** Per-second failure ratio from the load series (errors / completed iterations). */
export function errorRatioSeries(series: readonly SeriesRecord[]): RatioPoint[] {
  const errors = series.find((s) => s.name === 'load.errors_rate');
  const total = series.find((s) => s.name === 'load.iterations_rate');
  if (!errors || !total) return [];
  const byT = new Map(errors.points.map(([t, v]) => [t, v]));
  return total.points.filter(([, n]) => n > 0).map(([t, n]) => ({ t, total: n, ratio: (byT.get(t) ?? 0) / n }));
}

function faultOn(run: ScenarioRunView, target: string): FaultRecord | undefined {
  return run.faults.find((f) => f.target === target || f.target.startsWith(`${target}#`));
}

function noFault(target: string, run: ScenarioRunView): MeasureResult {
  return { value: null, note: `No fault on "${target}" was applied (faults: ${run.faults.map((f) => f.target).join(', ') || 'none'}).` };
}

/** Seconds from the fault's removal until the error ratio stays under `below` to the end of the run. */
export function measureRecovery(run: ScenarioRunView, target: string, below: number): MeasureResult {
  const fault = faultOn(run, target);
  if (!fault?.removedAt) return noFault(target, run);
  const points = errorRatioSeries(run.load?.series ?? []).filter((p) => p.t >= fault.removedAt! - 1000);
  if (points.length < 3) return { value: null, note: 'Fewer than 3 seconds of load after the fault was removed.', samples: points.length };
  const evidence = { series: [{ name: 'error ratio (client, per second)', unit: 'ratio', points: points.map((p) => [p.t, p.ratio]) }] };
  // each point is one second of completions: it stops counting at t + 1 s
  const s = settledAt(points.map((p) => p.ratio), (i) => points[i]!.t + 1000, fault.removedAt, below);
  const value = Math.max(0, (s.at - fault.removedAt) / 1000);
  if (!s.settled) return { value, note: `Not recovered by the end of the run: ${value} s is a lower bound.`, samples: points.length, evidence };
  return { value, samples: points.length, evidence };
}

/**
 * When a series leaves the bad region (value >= `below`) for good: the end of its last bad sample
 * (`from` if none was bad); `settled` is false when the last sample is still bad (a lower bound).
 */
function settledAt(values: readonly number[], endOf: (i: number) => number, from: number, below: number): { at: number; settled: boolean } {
  const lastBad = values.findLastIndex((v) => v >= below);
  if (lastBad < 0) return { at: from, settled: true };
  return { at: endOf(lastBad), settled: lastBad < values.length - 1 };
}

/** Seconds from the fault's application to the first second whose error ratio reaches `above`. */
export function measureDetection(run: ScenarioRunView, target: string, above: number): MeasureResult {
  const fault = faultOn(run, target);
  if (!fault?.appliedAt) return noFault(target, run);
  const end = fault.removedAt ?? Infinity;
  const during = errorRatioSeries(run.load?.series ?? []).filter((p) => p.t + 1000 > fault.appliedAt! && p.t < end);
  const first = during.find((p) => p.ratio >= above);
  if (!first) return { value: null, note: `The error ratio never reached ${above} while the fault was on: the fault went unnoticed by clients.`, samples: during.length };
  return { value: Math.max(0, (first.t - fault.appliedAt) / 1000), samples: during.length };
}

/** Seconds during which the error ratio was at or over `above` (an outage as clients saw it). */
export function measureOutage(run: ScenarioRunView, above: number): MeasureResult {
  const points = errorRatioSeries(run.load?.series ?? []);
  if (points.length === 0) return { value: null, note: 'No load series.' };
  return { value: points.filter((p) => p.ratio >= above).length, samples: points.length };
}

/**
 * Seconds from the start of phase `after` until a PromQL series (e.g. consumer lag) falls under
 * `below` and stays there to the end of the run. One point per scrape, from real Prometheus.
 */
export async function measurePromqlRecovery(run: ScenarioRunView, query: string, below: number, after: string): Promise<MeasureResult> {
  const phase = run.phases.find((p) => p.phase === after);
  if (!phase) return { value: null, note: `No phase "${after}" was run.` };
  const end = run.window('run').end;
  const series = await run.env.prom.queryRange(query, phase.start, end, run.env.scrapeIntervalSeconds);
  if (series.length !== 1) return { value: null, note: `The query returned ${series.length} series; it must return one (aggregate with sum()).` };
  const points = series[0]!.points.filter(([, v]) => Number.isFinite(v));
  if (points.length < 3) return { value: null, note: 'Fewer than 3 samples after the phase started.', samples: points.length };
  const evidence = { series: [{ name: query, unit: '', points }] };
  // each point is one scrape: a bad one counts until the next scrape (the last one: until itself)
  const s = settledAt(points.map(([, v]) => v), (i) => (points[i + 1] ?? points[i]!)[0], phase.start, below);
  const value = Math.max(0, (s.at - phase.start) / 1000);
  if (!s.settled) return { value, note: `Still at or over ${below} at the end of the run: ${value} s is a lower bound.`, samples: points.length, evidence };
  return { value, samples: points.length, evidence };
}

/** Ready-made SLIs over these measurements. */
export const Measure = {
  recoveryAfter: (target: string, options: { errorRatioBelow: number }) =>
    Sli.measure(`seconds from restoring ${target} until the client error ratio stays under ${options.errorRatioBelow}`, 's', (run) =>
      measureRecovery(run, target, options.errorRatioBelow),
    ),
  detectionOf: (target: string, options: { errorRatioAbove: number }) =>
    Sli.measure(`seconds from faulting ${target} until the client error ratio reaches ${options.errorRatioAbove}`, 's', (run) =>
      measureDetection(run, target, options.errorRatioAbove),
    ),
  /** seconds from the start of phase `after` until the PromQL value stays under `below` */
  promqlRecovery: (query: string, options: { below: number; after: string }) =>
    Sli.measure(`seconds from the start of "${options.after}" until ${query} stays under ${options.below}`, 's', (run) =>
      measurePromqlRecovery(run, query, options.below, options.after),
    ),
  outageSeconds: (options: { errorRatioAbove: number }) =>
    Sli.measure(`seconds with a client error ratio of at least ${options.errorRatioAbove}`, 's', (run) => measureOutage(run, options.errorRatioAbove)),
};
