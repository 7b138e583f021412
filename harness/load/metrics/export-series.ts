/**
 * The run's metrics in Prometheus shape, as plain numbers a worker thread can post: per
 * (metric, label values) one cell holding a counter, a gauge, a k6 Rate's two counters, or
 * a histogram's count, sum and per-bucket counts. One class serves both sides, so a
 * scrape answers the same in both modes:
 *   - single thread: the exporter's ExportSeries is fed every sample (onSample);
 *   - worker threads: each worker feeds its own and posts drain() every second; the main
 *     thread apply()s the deltas to the exporter's ExportSeries (sums; gauges: last set).
 * Bucketing happens where the sample is, with the same bounds, so histograms add exactly.
 *
 * Hot path: a cell is found by the identity of the sample's tags object (targets reuse
 * one tags object per scenario/status/error), i.e. two map look-ups and no strings per
 * sample. So a tags object must not change after it was passed with a sample.
 */
import type { Tags } from './tags.js';
import type { MetricDeclaration } from './declarations.js';
import type { SampleListener } from './registry.js';

/** Upper bounds in seconds for time trends (k6 `isTime`, recorded in ms, exported in s). */
export const TIME_BUCKETS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** prom-client's default bounds, for trends that are not times. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * How a metric is exported: its labels (taken from the sample's tags, '' when missing)
 * and, for trends, bucket bounds and the factor from recorded value to exported unit.
 */
export interface ExportShape {
  kind: MetricDeclaration['type'];
  labelNames: readonly string[];
  buckets: readonly number[];
  factor: number;
}

export function exportShape(decl: MetricDeclaration): ExportShape {
  const { name, type, isTime } = decl;
  const labelNames = name === 'vus' || name === 'vus_max' ? [] : name.startsWith('http_') ? ['scenario', 'status', 'method'] : ['scenario'];
  const trend = type === 'trend';
  return { kind: type, labelNames, buckets: trend ? (isTime ? TIME_BUCKETS : DEFAULT_BUCKETS) : [], factor: trend && isTime ? 0.001 : 1 };
}

/**
 * Values by kind: counter [value]; gauge [value]; rate [non-zero samples, samples];
 * trend [count, sum, samples in bucket 0 .. n-1] (per bucket, not cumulative; samples
 * above the last bound are only in count, i.e. in +Inf).
 */
export interface ExportCell {
  readonly family: ExportFamily;
  /** Label values in the order of shape.labelNames. */
  readonly labelValues: readonly string[];
  /** The same as an object, one per cell (prom-client caches its text by identity). */
  readonly labels: Readonly<Record<string, string>>;
  readonly values: Float64Array;
  /** Changed since the last drain(). */
  dirty: boolean;
}

export interface ExportFamily {
  readonly decl: MetricDeclaration;
  readonly shape: ExportShape;
  /** By JSON of the label values. */
  readonly cells: Map<string, ExportCell>;
  readonly byTags: WeakMap<Tags, ExportCell>;
  untagged: ExportCell | undefined;
}

/** What a worker posts every second: the cells that changed, with their change (gauges: their last value). */
export interface ExportDelta {
  metrics: Array<{ decl: MetricDeclaration; cells: Array<{ labelValues: string[]; values: Float64Array }> }>;
}

export class ExportSeries {
  private readonly families = new Map<string, ExportFamily>();
  private readonly changed: ExportCell[] = [];

  /** `onFamily` sees each metric once, when its first sample, delta or declaration arrives. */
  constructor(private readonly onFamily?: (family: ExportFamily) => void) {}

  /** Listener for MetricsRegistry.onSample. */
  readonly onSample: SampleListener = (entry, value, tags) => {
    const f = this.families.get(entry.decl.name) ?? this.family(entry.decl);
    const cell = tags === undefined ? (f.untagged ??= this.cell(f, f.shape.labelNames.map(() => ''))) : (f.byTags.get(tags) ?? this.cellForTags(f, tags));
    const v = cell.values;
    const shape = f.shape;
    switch (shape.kind) {
      case 'counter':
        v[0]! += value;
        break;
      case 'gauge':
        v[0] = value;
        break;
      case 'rate':
        if (value !== 0) v[0]!++;
        v[1]!++;
        break;
      case 'trend': {
        // prom-client refuses non-finite observations; so do we (they would poison the sum).
        if (!Number.isFinite(value)) return;
        const x = value * shape.factor;
        v[0]!++;
        v[1]! += x;
        const bounds = shape.buckets;
        for (let i = 0; i < bounds.length; i++) {
          if (x <= bounds[i]!) {
            v[2 + i]!++;
            break;
          }
        }
        break;
      }
    }
    if (!cell.dirty) {
      cell.dirty = true;
      this.changed.push(cell);
    }
  };

  /** The family of a metric, created on first use. */
  family(decl: MetricDeclaration): ExportFamily {
    let f = this.families.get(decl.name);
    if (!f) {
      f = { decl, shape: exportShape(decl), cells: new Map(), byTags: new WeakMap(), untagged: undefined };
      this.families.set(decl.name, f);
      this.onFamily?.(f);
    }
    return f;
  }

  /** The cell for these label values (in shape.labelNames order), created at zero. */
  cell(f: ExportFamily, labelValues: readonly string[]): ExportCell {
    const key = JSON.stringify(labelValues);
    let cell = f.cells.get(key);
    if (!cell) {
      const labels: Record<string, string> = {};
      f.shape.labelNames.forEach((n, i) => (labels[n] = labelValues[i]!));
      const size = f.shape.kind === 'trend' ? 2 + f.shape.buckets.length : f.shape.kind === 'rate' ? 2 : 1;
      cell = { family: f, labelValues: [...labelValues], labels, values: new Float64Array(size), dirty: false };
      f.cells.set(key, cell);
    }
    return cell;
  }

  private cellForTags(f: ExportFamily, tags: Tags): ExportCell {
    const cell = this.cell(
      f,
      f.shape.labelNames.map((n) => tags[n] ?? ''),
    );
    f.byTags.set(tags, cell);
    return cell;
  }

  /** The changes since the last drain (then forgotten here). Worker side. */
  drain(): ExportDelta {
    const byFamily = new Map<ExportFamily, ExportDelta['metrics'][number]>();
    for (const cell of this.changed) {
      let m = byFamily.get(cell.family);
      if (!m) byFamily.set(cell.family, (m = { decl: cell.family.decl, cells: [] }));
      m.cells.push({ labelValues: [...cell.labelValues], values: cell.values.slice() });
      cell.values.fill(0);
      cell.dirty = false;
    }
    this.changed.length = 0;
    return { metrics: [...byFamily.values()] };
  }

  /** Adds a worker's delta (gauges take its value). Main-thread side. */
  apply(delta: ExportDelta): void {
    for (const m of delta.metrics) {
      const f = this.family(m.decl);
      for (const d of m.cells) {
        const v = this.cell(f, d.labelValues).values;
        if (f.shape.kind === 'gauge') v[0] = d.values[0]!;
        else for (let i = 0; i < v.length; i++) v[i]! += d.values[i] ?? 0;
      }
    }
  }
}
