/**
 * The load metrics for the run's Prometheus to scrape, on a private prom-client registry,
 * named `archtdd_load_<k6 name>` with Prometheus conventions: counters end in `_total`,
 * time trends become `_seconds` histograms, a k6 Rate becomes two counters
 * (`_total` for non-zero samples and `_samples_total`), gauges keep their name.
 * Labels: scenario on everything; status and method on http_* metrics.
 *
 * The numbers live in an ExportSeries (metrics/export-series.ts), fed every sample in
 * single-thread runs and by per-second deltas from each worker thread otherwise: the
 * same labels, buckets and counts in both modes. Each metric family is rendered by a
 * small collector with prom-client's get() contract, because prom-client's Histogram
 * cannot take bucket counts in bulk (only one observe() per sample).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, type Metric } from 'prom-client';
import { ExportSeries, type ExportDelta, type ExportFamily } from './metrics/export-series.js';
import type { MetricEntry, SampleListener } from './metrics/registry.js';

export const PROM_PREFIX = 'archtdd_load_';

/** One line of a family: its labels (sharedLabels: the cell's own object) and value. */
interface Line {
  labels: Record<string, string | number>;
  sharedLabels?: Readonly<Record<string, string>>;
  value: number;
  metricName?: string;
}

export class LoadPromExporter {
  readonly registry = new Registry();
  private readonly series = new ExportSeries((f) => this.register(f));

  /** Register every metric up front and start the per-scenario counters at 0, so a scrape sees them before the first sample. */
  prepare(entries: Iterable<MetricEntry>, scenarios: string[]): void {
    for (const entry of entries) {
      const f = this.series.family(entry.decl);
      const { kind, labelNames } = f.shape;
      if ((kind === 'counter' || kind === 'rate') && labelNames.length === 1) for (const scenario of scenarios) this.series.cell(f, [scenario]);
      if (kind === 'gauge' && labelNames.length === 0) this.series.cell(f, []);
    }
  }

  /** Listener for MetricsRegistry.onSample (every sample of a single-thread run; the main thread's own in worker mode). */
  readonly onSample: SampleListener = this.series.onSample;

  /** Adds one worker thread's delta (see ExportSeries.drain). */
  apply(delta: ExportDelta): void {
    this.series.apply(delta);
  }

  private register(f: ExportFamily): void {
    const { name, type, isTime } = f.decl;
    const base = PROM_PREFIX + name;
    const help = `k6 metric ${name} (${type}) from the archtdd load engine`;
    const cells = () => f.cells.values();
    const plain = (slot: number) => (): Line[] => [...cells()].map((c) => ({ labels: {}, sharedLabels: c.labels, value: c.values[slot]! }));
    if (type === 'counter') this.add(`${base}_total`, help, 'counter', plain(0));
    else if (type === 'gauge') this.add(base, help, 'gauge', plain(0));
    else if (type === 'rate') {
      this.add(`${base}_total`, `${help}: samples that were non-zero`, 'counter', plain(0));
      this.add(`${base}_samples_total`, `${help}: all samples`, 'counter', plain(1));
    } else {
      const hname = isTime ? `${base}_seconds` : base;
      const bounds = f.shape.buckets.map((le) => ({ le }));
      this.add(hname, help, 'histogram', () => {
        const out: Line[] = [];
        for (const c of cells()) {
          const v = c.values;
          let acc = 0;
          bounds.forEach((le, i) => out.push({ labels: le, sharedLabels: c.labels, value: (acc += v[2 + i]!), metricName: `${hname}_bucket` }));
          out.push({ labels: { le: '+Inf' }, sharedLabels: c.labels, value: v[0]!, metricName: `${hname}_bucket` });
          out.push({ labels: {}, sharedLabels: c.labels, value: v[1]!, metricName: `${hname}_sum` });
          out.push({ labels: {}, sharedLabels: c.labels, value: v[0]!, metricName: `${hname}_count` });
        }
        return out;
      });
    }
  }

  /**
   * A family for the registry: what Registry.metrics() reads is name, help, type and
   * get() → { values: [{ labels, sharedLabels?, value, metricName? }] } (prom-client 15).
   * Its types only admit its own classes, hence the cast.
   */
  private add(name: string, help: string, type: 'counter' | 'gauge' | 'histogram', values: () => Line[]): void {
    const family = {
      name,
      help,
      type,
      aggregator: 'sum' as const,
      get: async () => ({ name, help, type, aggregator: 'sum' as const, values: values() }),
      reset: () => {},
    };
    this.registry.registerMetric(family as unknown as Metric);
  }
}

export interface LoadMetricsServer {
  url: string;
  exporter: LoadPromExporter;
  close(): Promise<void>;
}

/** Serves GET /metrics on 127.0.0.1:port (0 picks a free port). */
export async function startLoadMetricsServer(opts: { port: number; host?: string; exporter?: LoadPromExporter }): Promise<LoadMetricsServer> {
  const exporter = opts.exporter ?? new LoadPromExporter();
  const server: Server = createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end('see /metrics\n');
      return;
    }
    exporter.registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': exporter.registry.contentType }).end(body),
      (e: unknown) => res.writeHead(500).end(String(e)),
    );
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/metrics`,
    exporter,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
