/**
 * k6 thresholds on load metrics: `{ 'http_req_duration{status:200}': ['p(95)<100',
 * { threshold: 'rate<0.01', abortOnFail: true, delayAbortEval: '10s' }] }`. Parsed and
 * checked against each metric's type before the run (harness/thresholds); evaluated
 * every second for abortOnFail and once at the end. A metric without samples never
 * passes ("no data" is not a pass), except counters, whose count of 0 is a measurement.
 */
import type { ConfigIssue } from '../errors.js';
import { checkThreshold, parseThreshold, validateThresholdForMetric, type Threshold } from '../thresholds/index.js';
import { parseDuration } from './duration.js';
import type { MetricDeclaration } from './metrics/declarations.js';
import type { MetricsRegistry } from './metrics/registry.js';
import { parseSelector } from './metrics/selector.js';
import { TrendSink, type Sink } from './metrics/sinks.js';
import type { Tags } from './types.js';

export type ThresholdInput = string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string | number };
export type ThresholdsSpec = Record<string, ThresholdInput[] | ThresholdInput>;

export interface PreparedThreshold {
  /** canonical metric or submetric name */
  metric: string;
  base: string;
  tags: Tags;
  source: string;
  threshold: Threshold;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

export interface ThresholdResult {
  metric: string;
  source: string;
  ok: boolean;
  /** The aggregated value compared (ms for time trends); null when there was no data. */
  observed: number | null;
  abortOnFail: boolean;
  reason?: string;
}

export function prepareThresholds(spec: ThresholdsSpec | undefined, metrics: ReadonlyMap<string, MetricDeclaration>, issues: ConfigIssue[]): PreparedThreshold[] {
  const out: PreparedThreshold[] = [];
  for (const [key, raw] of Object.entries(spec ?? {})) {
    const path = `thresholds["${key}"]`;
    const sel = parseSelector(key);
    if (typeof sel === 'string') {
      issues.push({ path, message: sel, fix: 'Write metric or metric{tag:value}, e.g. http_req_duration{status:200}.' });
      continue;
    }
    const decl = metrics.get(sel.metric);
    if (!decl) {
      issues.push({
        path,
        message: `no metric named "${sel.metric}" exists.`,
        fix: `Use a built-in (${[...metrics.keys()].slice(0, 8).join(', ')}, ...) or declare it: runLoad(..., { metrics: [new Trend('${sel.metric}', true)] }).`,
      });
      continue;
    }
    (Array.isArray(raw) ? raw : [raw]).forEach((item, i) => {
      const itemPath = `${path}[${i}]`;
      const source = typeof item === 'string' ? item : item?.threshold;
      if (typeof source !== 'string') {
        issues.push({ path: itemPath, message: 'a threshold must be a string or { threshold, abortOnFail, delayAbortEval }.', fix: "Write e.g. 'p(95)<100'." });
        return;
      }
      let threshold: Threshold;
      try {
        threshold = parseThreshold(source);
      } catch (e) {
        issues.push({ path: itemPath, message: `${(e as Error).message}.`.replace(/\.\.$/, '.'), fix: 'Use k6 grammar: aggregation operator value, e.g. p(95)<200.' });
        return;
      }
      const problem = validateThresholdForMetric(threshold, decl.type);
      if (problem) {
        issues.push({ path: itemPath, message: `${sel.metric} is a ${decl.type}: ${problem}`, fix: 'Pick an aggregation valid for that metric type.' });
        return;
      }
      let delayAbortEvalMs = 0;
      if (typeof item !== 'string' && item.delayAbortEval !== undefined) {
        const d = parseDuration(item.delayAbortEval);
        if (d === undefined || d < 0) {
          issues.push({ path: `${itemPath}.delayAbortEval`, message: `${JSON.stringify(item.delayAbortEval)} is not a non-negative duration.`, fix: "Write e.g. '10s'." });
          return;
        }
        delayAbortEvalMs = d;
      }
      out.push({
        metric: sel.name,
        base: sel.metric,
        tags: sel.tags,
        source,
        threshold,
        abortOnFail: typeof item !== 'string' && item.abortOnFail === true,
        delayAbortEvalMs,
      });
    });
  }
  return out;
}

/** Ensure the submetric sinks exist before samples arrive. */
export function attachThresholds(prepared: readonly PreparedThreshold[], registry: MetricsRegistry): void {
  for (const p of prepared) registry.submetric(p.base, p.tags);
}

export function evaluateThreshold(p: PreparedThreshold, sink: Sink | undefined, elapsedMs: number): ThresholdResult {
  const base = { metric: p.metric, source: p.source, abortOnFail: p.abortOnFail };
  if (!sink || (sink.samples === 0 && sink.type !== 'counter')) {
    return { ...base, ok: false, observed: null, reason: `no samples for ${p.metric}: no data is never a pass` };
  }
  const observed = aggregate(p.threshold, sink, elapsedMs);
  const ok = checkThreshold(p.threshold, observed);
  return ok ? { ...base, ok, observed } : { ...base, ok, observed, reason: `${p.metric} ${p.threshold.aggregation} = ${round(observed)}, threshold ${p.source}` };
}

function aggregate(t: Threshold, sink: Sink, elapsedMs: number): number {
  if (sink instanceof TrendSink) return sink.stat(t.percentile !== undefined ? `p(${t.percentile})` : t.aggregation);
  const values = sink.values(elapsedMs);
  const v = values[t.aggregation];
  if (v === undefined) throw new Error(`aggregation ${t.aggregation} does not apply to ${sink.type}`);
  return v;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
