/**
 * Aggregates per metric type, as k6's sinks: Counter (count, rate), Gauge (value, min, max),
 * Rate (passes/fails → rate), Trend (HDR histogram + exact avg/min/max). Constant memory:
 * nothing grows with the number of samples. Each sink can be snapshotted and merged, so
 * worker threads and per-second windows combine exactly.
 */
import { decodeHistogram, encodeHistogram, newHistogram, recordMs, type Histogram } from './hdr.js';

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

export type SinkSnapshot =
  | { type: 'counter'; count: number }
  | { type: 'gauge'; value: number; min: number; max: number; set: boolean }
  | { type: 'rate'; passes: number; total: number }
  | { type: 'trend'; count: number; sum: number; min: number; max: number; hdr?: string };

export interface Sink {
  readonly type: MetricType;
  add(value: number): void;
  /** Number of samples (0 means "no data"). */
  readonly samples: number;
  /** k6's summary values for this sink; `elapsedMs` turns counts into rates. */
  values(elapsedMs: number, trendStats?: readonly string[]): Record<string, number>;
  snapshot(): SinkSnapshot;
  merge(s: SinkSnapshot): void;
  reset(): void;
  destroy(): void;
}

export class CounterSink implements Sink {
  readonly type = 'counter';
  count = 0;
  samples = 0;
  add(v: number): void {
    this.count += v;
    this.samples++;
  }
  values(elapsedMs: number): Record<string, number> {
    return { count: this.count, rate: elapsedMs > 0 ? (this.count * 1000) / elapsedMs : 0 };
  }
  snapshot(): SinkSnapshot {
    return { type: 'counter', count: this.count };
  }
  merge(s: SinkSnapshot): void {
    if (s.type !== 'counter') return;
    this.count += s.count;
    if (s.count !== 0) this.samples++;
  }
  reset(): void {
    this.count = 0;
    this.samples = 0;
  }
  destroy(): void {}
}

export class GaugeSink implements Sink {
  readonly type = 'gauge';
  value = 0;
  min = Infinity;
  max = -Infinity;
  samples = 0;
  add(v: number): void {
    this.value = v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.samples++;
  }
  values(): Record<string, number> {
    return this.samples ? { value: this.value, min: this.min, max: this.max } : { value: 0, min: 0, max: 0 };
  }
  snapshot(): SinkSnapshot {
    return { type: 'gauge', value: this.value, min: this.min, max: this.max, set: this.samples > 0 };
  }
  merge(s: SinkSnapshot): void {
    if (s.type !== 'gauge' || !s.set) return;
    this.value = s.value;
    this.min = Math.min(this.min, s.min);
    this.max = Math.max(this.max, s.max);
    this.samples++;
  }
  reset(): void {
    this.value = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.samples = 0;
  }
  destroy(): void {}
}

export class RateSink implements Sink {
  readonly type = 'rate';
  passes = 0;
  samples = 0;
  add(v: number): void {
    if (v !== 0) this.passes++;
    this.samples++;
  }
  values(): Record<string, number> {
    return { rate: this.samples ? this.passes / this.samples : 0, passes: this.passes, fails: this.samples - this.passes };
  }
  snapshot(): SinkSnapshot {
    return { type: 'rate', passes: this.passes, total: this.samples };
  }
  merge(s: SinkSnapshot): void {
    if (s.type !== 'rate') return;
    this.passes += s.passes;
    this.samples += s.total;
  }
  reset(): void {
    this.passes = 0;
    this.samples = 0;
  }
  destroy(): void {}
}

export const DEFAULT_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'] as const;

/** Values in milliseconds; the histogram holds microseconds. */
export class TrendSink implements Sink {
  readonly type = 'trend';
  samples = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  private hdr: Histogram | undefined;
  add(v: number): void {
    this.samples++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    recordMs((this.hdr ??= newHistogram()), v);
  }
  /** Percentile in ms (p in 0..100). */
  percentile(p: number): number {
    return this.hdr && this.samples ? this.hdr.getValueAtPercentile(p) / 1000 : 0;
  }
  values(_elapsedMs: number, trendStats: readonly string[] = DEFAULT_TREND_STATS): Record<string, number> {
    const out: Record<string, number> = { count: this.samples };
    for (const stat of trendStats) out[stat] = this.stat(stat);
    return out;
  }
  stat(stat: string): number {
    if (this.samples === 0) return 0;
    if (stat === 'avg') return this.sum / this.samples;
    if (stat === 'min') return this.min;
    if (stat === 'max') return this.max;
    if (stat === 'med') return this.percentile(50);
    if (stat === 'count') return this.samples;
    const m = /^p\((\d+(?:\.\d+)?)\)$/.exec(stat);
    if (m) return this.percentile(Number(m[1]));
    throw new Error(`unknown trend stat "${stat}"; use avg, min, med, max, count or p(N)`);
  }
  snapshot(): SinkSnapshot {
    const s: SinkSnapshot = { type: 'trend', count: this.samples, sum: this.sum, min: this.min, max: this.max };
    if (this.hdr && this.samples) s.hdr = encodeHistogram(this.hdr);
    return s;
  }
  merge(s: SinkSnapshot): void {
    if (s.type !== 'trend' || s.count === 0) return;
    this.samples += s.count;
    this.sum += s.sum;
    this.min = Math.min(this.min, s.min);
    this.max = Math.max(this.max, s.max);
    if (s.hdr) {
      const other = decodeHistogram(s.hdr, true);
      (this.hdr ??= newHistogram()).add(other);
      other.destroy();
    }
  }
  reset(): void {
    this.samples = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.hdr?.reset();
  }
  destroy(): void {
    this.hdr?.destroy();
    this.hdr = undefined;
  }
}

export function newSink(type: MetricType): Sink {
  switch (type) {
    case 'counter':
      return new CounterSink();
    case 'gauge':
      return new GaugeSink();
    case 'rate':
      return new RateSink();
    case 'trend':
      return new TrendSink();
  }
}
