/** LoadResult → the journal's LoadSummary and SeriesRecord[] (harness/journal/schema.ts). */
import type { LoadSummary, SeriesRecord } from '../journal/schema.js';
import type { LoadResult } from './result.js';
import { trendStat } from './result.js';

const LATENCY_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'];

export function toLoadSummary(result: LoadResult, latencyMetric?: string): LoadSummary {
  const metric = latencyMetric ?? (result.metrics.http_req_duration?.values.count ? 'http_req_duration' : 'iteration_duration');
  const latencyMs: Record<string, number> = {};
  for (const s of LATENCY_STATS) latencyMs[s] = trendStat(result, metric, s);
  const httpFailed = result.metrics.http_req_failed?.values;
  const iterFailed = result.metrics.iteration_failed?.values;
  const failedRate = httpFailed && (httpFailed.passes ?? 0) + (httpFailed.fails ?? 0) > 0 ? (httpFailed.rate ?? 0) : (iterFailed?.rate ?? 0);
  const summary: LoadSummary = {
    executor: [...new Set(result.scenarios.map((s) => s.executor))].join(', '),
    description: result.scenarios.map((s) => `${s.name}: ${s.description}`).join('; '),
    iterations: result.iterations,
    droppedIterations: result.dropped,
    failedRate,
    latencyMs,
  };
  if (result.saturated) summary.saturated = result.saturated;
  return summary;
}

export function toSeriesRecords(result: LoadResult): SeriesRecord[] {
  const pts = result.series;
  const s = (name: string, unit: string, pick: (p: (typeof pts)[number]) => number): SeriesRecord => ({
    name,
    unit,
    points: pts.map((p) => [p.t, pick(p)]),
  });
  return [
    s('load.iterations_rate', 'iterations/s', (p) => p.iterations),
    s('load.errors_rate', 'errors/s', (p) => p.errors),
    s('load.dropped_rate', 'iterations/s', (p) => p.dropped),
    s('load.vus', 'VUs', (p) => p.vus),
    s('load.latency_p50', 'ms', (p) => p.p50),
    s('load.latency_p95', 'ms', (p) => p.p95),
    s('load.latency_p99', 'ms', (p) => p.p99),
  ];
}
