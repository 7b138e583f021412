/**
 * What a load run returns, and k6's `--summary-export` JSON layout built from it
 * (metrics.<name>: trend stats in ms; counters {count, rate}; rates {passes, fails,
 * value}; gauges {value, min, max}; `thresholds: { source: failed? }`, as k6 writes it).
 */
import { decodeHistogram } from './metrics/hdr.js';
import type { MetricSummary } from './metrics/registry.js';
import type { SeriesPoint } from './metrics/series.js';
import { DEFAULT_TREND_STATS } from './metrics/sinks.js';
import type { SelfCheckReport } from './selfcheck.js';
import type { ThresholdResult } from './thresholds.js';

export interface LoadResult {
  /** epoch ms */
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  scenarios: Array<{ name: string; executor: string; description: string }>;
  /** k6 handleSummary() shape per metric and submetric; trends in ms, with count. */
  metrics: Record<string, MetricSummary>;
  thresholds: ThresholdResult[];
  /** false when any threshold failed */
  thresholdsOk: boolean;
  /** per-second points (wall-clock seconds) */
  series: SeriesPoint[];
  iterations: number;
  dropped: number;
  interrupted: number;
  /** Why the generator's own measurements cannot be trusted, if so (→ INVALID latency verdicts). */
  saturated?: string;
  /** Why the run stopped early (signal or abortOnFail threshold), if so. */
  aborted?: string;
  selfCheck: SelfCheckReport;
  /** First distinct errors thrown by targets. */
  errors: string[];
  /** Trend histograms (HDR, µs, compressed base64) for any other percentile. */
  histograms: Record<string, string>;
  /** Worker threads used (1 = this thread only). */
  workers: number;
  toSummaryExport(trendStats?: readonly string[]): SummaryExport;
}

export interface SummaryExport {
  root_group: { name: string; path: string; id: string; groups: Record<string, never>; checks: Record<string, never> };
  metrics: Record<string, Record<string, number | Record<string, boolean>>>;
}

export function trendStat(result: Pick<LoadResult, 'metrics' | 'histograms'>, metric: string, stat: string): number {
  const values = result.metrics[metric]?.values ?? {};
  if (stat in values) return values[stat]!;
  if (!values.count) return 0;
  const m = stat === 'med' ? ['', '50'] : /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
  const hdr = result.histograms[metric];
  if (!m || !hdr) throw new Error(`unknown trend stat "${stat}" for ${metric}; use avg, min, med, max, count or p(N)`);
  return decodeHistogram(hdr).getValueAtPercentile(Number(m[1])) / 1000;
}

export function toSummaryExport(result: Pick<LoadResult, 'metrics' | 'histograms' | 'thresholds'>, trendStats: readonly string[] = DEFAULT_TREND_STATS): SummaryExport {
  const metrics: SummaryExport['metrics'] = {};
  for (const [name, m] of Object.entries(result.metrics)) {
    let out: Record<string, number | Record<string, boolean>>;
    if (m.type === 'trend') {
      out = {};
      for (const stat of trendStats) out[stat] = trendStat(result, name, stat);
    } else if (m.type === 'rate') {
      out = { passes: m.values.passes ?? 0, fails: m.values.fails ?? 0, value: m.values.rate ?? 0 };
    } else {
      out = { ...m.values };
    }
    const th = result.thresholds.filter((t) => t.metric === name);
    if (th.length) out.thresholds = Object.fromEntries(th.map((t) => [t.source, !t.ok]));
    metrics[name] = out;
  }
  return { root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: {}, checks: {} }, metrics };
}

/** Share of a trend's samples above `ms` (from its HDR histogram, 0.1% value resolution). */
export function fractionAbove(result: Pick<LoadResult, 'histograms'>, metric: string, ms: number): number {
  const hdr = result.histograms[metric];
  if (!hdr) return 0;
  const h = decodeHistogram(hdr);
  const us = ms * 1000;
  if (h.totalCount === 0 || h.maxValue <= us) return 0;
  if (h.getValueAtPercentile(0) > us) return 1;
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (h.getValueAtPercentile(mid) > us) hi = mid;
    else lo = mid;
  }
  return 1 - hi / 100;
}
