/**
 * Reads k6's two machine outputs into a LoadResult:
 *   --summary-export FILE   the legacy end-of-test summary: metrics.<name> with trend stats in
 *                           ms, {count, rate}, {passes, fails, value}, {value, min, max}, and
 *                           `thresholds: { source: failed }`
 *   --out json=FILE         NDJSON: {"type":"Metric","data":{name,type,contains,thresholds}}
 *                           and {"type":"Point","data":{time,value,tags},"metric":name}
 * The JSON output is streamed line by line into HDR histograms and per-second buckets,
 * so memory stays flat however long the k6 run was.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseThreshold } from '../thresholds/index.js';
import { initHdr } from './metrics/hdr.js';
import type { MetricSummary } from './metrics/registry.js';
import { parseSelector, matches } from './metrics/selector.js';
import { mergeBuckets, type BucketSnapshot, type SeriesPoint } from './metrics/series.js';
import { TrendSink, type MetricType } from './metrics/sinks.js';
import { toSummaryExport, type LoadResult } from './result.js';
import type { ThresholdResult } from './thresholds.js';
import type { Tags } from './types.js';

export interface K6SummaryExport {
  metrics: Record<string, Record<string, number | Record<string, boolean>>>;
}

interface K6Stream {
  types: Map<string, { type: MetricType; contains: string }>;
  trends: Map<string, TrendSink>;
  buckets: Map<number, { iterations: number; errors: number; dropped: number; vus: number; latency: TrendSink }>;
  scenarios: Set<string>;
  first: number;
  last: number;
}

/** k6 writes RFC 3339 with nanoseconds; Date keeps milliseconds. */
export function k6Time(text: string): number {
  return Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
}

/** Streams `--out json` NDJSON. Trend submetrics named in `submetrics` are aggregated too. */
export async function readK6JsonOutput(file: string, submetrics: string[] = []): Promise<K6Stream> {
  await initHdr();
  const s: K6Stream = { types: new Map(), trends: new Map(), buckets: new Map(), scenarios: new Set(), first: Infinity, last: -Infinity };
  const subs = submetrics.map((n) => parseSelector(n)).filter((x): x is Exclude<typeof x, string> => typeof x !== 'string');
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const latencyMetric = { name: 'iteration_duration' };
  for await (const line of lines) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { type: string; metric: string; data: { name?: string; type?: MetricType; contains?: string; time?: string; value?: number; tags?: Tags } };
    if (rec.type === 'Metric') {
      s.types.set(rec.data.name!, { type: rec.data.type!, contains: rec.data.contains ?? 'default' });
      continue;
    }
    if (rec.type !== 'Point') continue;
    const t = k6Time(rec.data.time!);
    const v = rec.data.value ?? 0;
    const tags = rec.data.tags ?? {};
    if (t < s.first) s.first = t;
    if (t > s.last) s.last = t;
    if (tags.scenario) s.scenarios.add(tags.scenario);
    const type = s.types.get(rec.metric)?.type;
    if (type === 'trend') {
      trendSink(s, rec.metric).add(v);
      for (const sub of subs) if (sub.metric === rec.metric && matches(sub.tags, tags)) trendSink(s, sub.name).add(v);
    }
    const second = Math.floor(t / 1000) * 1000;
    let b = s.buckets.get(second);
    if (!b) s.buckets.set(second, (b = { iterations: 0, errors: 0, dropped: 0, vus: 0, latency: new TrendSink() }));
    if (rec.metric === 'iterations') b.iterations += v;
    else if (rec.metric === 'http_req_failed' && v !== 0) b.errors++;
    else if (rec.metric === 'dropped_iterations') b.dropped += v;
    else if (rec.metric === 'vus') b.vus = Math.max(b.vus, v);
    else if (rec.metric === latencyMetric.name) b.latency.add(v);
  }
  return s;
}

function trendSink(s: K6Stream, name: string): TrendSink {
  let t = s.trends.get(name);
  if (!t) s.trends.set(name, (t = new TrendSink()));
  return t;
}

function typeFromValues(v: Record<string, unknown>): MetricType {
  if ('avg' in v || 'med' in v) return 'trend';
  if ('passes' in v && 'fails' in v) return 'rate';
  if ('count' in v) return 'counter';
  return 'gauge';
}

/** Builds a LoadResult from k6's summary export and (optionally) its JSON output. */
export async function k6Result(summaryExport: K6SummaryExport, opts: { jsonOutput?: string; script?: string; durationMs?: number } = {}): Promise<LoadResult> {
  const stream = opts.jsonOutput ? await readK6JsonOutput(opts.jsonOutput, Object.keys(summaryExport.metrics).filter((k) => k.includes('{'))) : undefined;
  const metrics: Record<string, MetricSummary> = {};
  const thresholds: ThresholdResult[] = [];
  for (const [name, raw] of Object.entries(summaryExport.metrics)) {
    const base = name.split('{')[0]!;
    const declared = stream?.types.get(base);
    const type = declared?.type ?? typeFromValues(raw);
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'number') values[k] = v;
    if (type === 'rate') {
      values.rate = values.value ?? 0;
      delete values.value;
    }
    if (type === 'trend') values.count = stream?.trends.get(name)?.samples ?? values.count ?? 0;
    metrics[name] = { type, contains: declared?.contains === 'time' || (type === 'trend' && !declared) ? 'time' : 'default', values };
    const th = raw.thresholds;
    if (th && typeof th === 'object') {
      for (const [source, failed] of Object.entries(th)) {
        thresholds.push({ metric: name, source, ok: !failed, observed: observe(source, values), abortOnFail: false, ...(failed ? { reason: `k6 reported ${name} ${source} as crossed` } : {}) });
      }
    }
  }
  const histograms: Record<string, string> = {};
  if (stream) {
    for (const [name, sink] of stream.trends) {
      const snap = sink.snapshot();
      if (snap.type === 'trend' && snap.hdr) histograms[name] = snap.hdr;
      sink.destroy();
    }
  }
  const series: SeriesPoint[] = stream
    ? mergeBuckets([...stream.buckets].map(([t, b]): BucketSnapshot => ({ t, iterations: b.iterations, errors: b.errors, dropped: b.dropped, vus: b.vus, latency: b.latency.snapshot() })))
    : [];
  stream?.buckets.forEach((b) => b.latency.destroy());
  const dropped = metrics.dropped_iterations?.values.count ?? 0;
  const iterations = metrics.iterations?.values.count ?? 0;
  const startedAt = stream && Number.isFinite(stream.first) ? stream.first : Date.now() - (opts.durationMs ?? 0);
  const finishedAt = stream && Number.isFinite(stream.last) ? stream.last : Date.now();
  const names = stream?.scenarios.size ? [...stream.scenarios] : ['default'];
  const result: LoadResult = {
    startedAt,
    finishedAt,
    durationMs: finishedAt - startedAt,
    scenarios: names.map((name) => ({ name, executor: 'k6', description: `k6 script${opts.script ? ` ${opts.script}` : ''}` })),
    metrics,
    thresholds,
    thresholdsOk: thresholds.every((t) => t.ok),
    series,
    iterations,
    dropped,
    interrupted: 0,
    selfCheck: { eventLoopDelayP99Ms: 0, eventLoopDelayMaxMs: 0, eventLoopUtilization: 0, cpuCores: 0, threads: 1, startLagP50Ms: 0, startLagP99Ms: 0, dropped, scheduled: iterations + dropped },
    errors: [],
    histograms,
    workers: 1,
    toSummaryExport: (trendStats) => toSummaryExport(result, trendStats),
  };
  if (dropped > 0) result.saturated = `k6 dropped ${dropped} of ${iterations + dropped} iterations (no free VU): the planned load was not offered`;
  return result;
}

function observe(source: string, values: Record<string, number>): number | null {
  try {
    const t = parseThreshold(source);
    const v = values[t.percentile !== undefined ? `p(${t.percentile})` : t.aggregation];
    return v ?? null;
  } catch {
    return null;
  }
}
