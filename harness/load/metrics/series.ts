/**
 * Per-second time series for the report's charts: iterations/s, errors/s, dropped/s, VUs
 * and latency p50/p95/p99 (iteration_duration, i.e. from the intended start). One HDR
 * histogram is reused for the current second; each closed second becomes one point.
 * Seconds are wall-clock epoch seconds, so workers' buckets merge by key.
 */
import type { Tags } from './tags.js';
import type { MetricEntry } from './registry.js';
import { TrendSink, type SinkSnapshot } from './sinks.js';

export interface SeriesPoint {
  /** epoch ms at the start of the second */
  t: number;
  iterations: number;
  errors: number;
  dropped: number;
  vus: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface BucketSnapshot {
  t: number;
  iterations: number;
  errors: number;
  dropped: number;
  vus: number;
  latency: SinkSnapshot;
}

interface Bucket {
  t: number;
  iterations: number;
  errors: number;
  dropped: number;
  vus: number;
  latency: TrendSink;
}

export const epochNow = (): number => performance.timeOrigin + performance.now();

export class SeriesRecorder {
  readonly points: SeriesPoint[] = [];
  private bucket: Bucket | undefined;
  private vus = 0;
  /** Closed buckets not yet shipped (worker mode). */
  private readonly pending: BucketSnapshot[] = [];
  constructor(private readonly keepSnapshots = false) {}

  private current(now = epochNow()): Bucket {
    const t = Math.floor(now / 1000) * 1000;
    if (this.bucket && this.bucket.t === t) return this.bucket;
    if (this.bucket) this.close(this.bucket);
    const latency = this.bucket?.latency ?? new TrendSink();
    latency.reset();
    this.bucket = { t, iterations: 0, errors: 0, dropped: 0, vus: this.vus, latency };
    return this.bucket;
  }

  private close(b: Bucket): void {
    if (this.keepSnapshots) {
      this.pending.push({ t: b.t, iterations: b.iterations, errors: b.errors, dropped: b.dropped, vus: b.vus, latency: b.latency.snapshot() });
    }
    this.points.push(toPoint(b));
  }

  /** Listener for MetricsRegistry.onSample. */
  readonly onSample = (entry: MetricEntry, value: number, _tags: Tags | undefined): void => {
    switch (entry.decl.name) {
      case 'iteration_duration': {
        const b = this.current();
        b.iterations++;
        b.latency.add(value);
        break;
      }
      case 'http_req_failed':
      case 'iteration_failed':
        if (value !== 0) this.current().errors++;
        break;
      case 'dropped_iterations':
        this.current().dropped += value;
        break;
      case 'vus': {
        this.vus = value;
        const b = this.current();
        if (value > b.vus) b.vus = value;
        break;
      }
    }
  };

  /** Close the current second (call at the end of the run, or each second to advance). */
  tick(now = epochNow()): void {
    this.current(now);
  }

  finish(): SeriesPoint[] {
    if (this.bucket) {
      this.close(this.bucket);
      this.bucket.latency.destroy();
      this.bucket = undefined;
    }
    return this.points;
  }

  /** Closed seconds since the last call (workers send these to the main thread). */
  drain(): BucketSnapshot[] {
    return this.pending.splice(0);
  }
}

function toPoint(b: Bucket): SeriesPoint {
  return {
    t: b.t,
    iterations: b.iterations,
    errors: b.errors,
    dropped: b.dropped,
    vus: b.vus,
    p50: b.latency.percentile(50),
    p95: b.latency.percentile(95),
    p99: b.latency.percentile(99),
  };
}

/** Merge per-worker buckets second by second (counts add, histograms merge, VUs add). */
export function mergeBuckets(buckets: BucketSnapshot[]): SeriesPoint[] {
  const byT = new Map<number, { b: Bucket }>();
  for (const s of buckets) {
    let m = byT.get(s.t);
    if (!m) {
      m = { b: { t: s.t, iterations: 0, errors: 0, dropped: 0, vus: 0, latency: new TrendSink() } };
      byT.set(s.t, m);
    }
    m.b.iterations += s.iterations;
    m.b.errors += s.errors;
    m.b.dropped += s.dropped;
    m.b.vus += s.vus;
    m.b.latency.merge(s.latency);
  }
  return [...byT.values()]
    .sort((a, b) => a.b.t - b.b.t)
    .map(({ b }) => {
      const p = toPoint(b);
      b.latency.destroy();
      return p;
    });
}
