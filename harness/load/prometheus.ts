/**
 * The load metrics for the run's Prometheus to scrape, on a private prom-client registry,
 * named `archtdd_load_<k6 name>` with Prometheus conventions: counters end in `_total`,
 * time trends become `_seconds` histograms, a k6 Rate becomes two counters
 * (`_total` for non-zero samples and `_samples_total`), gauges keep their name.
 * Labels: scenario on everything; status and method on http_* metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricEntry, SampleListener } from './metrics/registry.js';
import type { Tags } from './types.js';

export const PROM_PREFIX = 'archtdd_load_';
const TIME_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

type Exported =
  | { kind: 'counter'; m: Counter<string>; labels: string[] }
  | { kind: 'gauge'; m: Gauge<string>; labels: string[] }
  | { kind: 'rate'; hits: Counter<string>; all: Counter<string>; labels: string[] }
  | { kind: 'trend'; m: Histogram<string>; labels: string[]; factor: number };

export class LoadPromExporter {
  readonly registry = new Registry();
  private readonly exported = new Map<string, Exported>();

  private labelsFor(name: string): string[] {
    if (name === 'vus' || name === 'vus_max') return [];
    return name.startsWith('http_') ? ['scenario', 'status', 'method'] : ['scenario'];
  }

  /** Register every metric up front and start the per-scenario counters at 0, so a scrape sees them before the first sample. */
  prepare(entries: Iterable<MetricEntry>, scenarios: string[]): void {
    for (const entry of entries) {
      const e = this.get(entry);
      if (e.kind === 'counter' && e.labels.length === 1) for (const scenario of scenarios) e.m.inc({ scenario }, 0);
      if (e.kind === 'gauge' && e.labels.length === 0) e.m.set(0);
    }
  }

  private get(entry: MetricEntry): Exported {
    let e = this.exported.get(entry.decl.name);
    if (e) return e;
    const { name, type, isTime } = entry.decl;
    const labelNames = this.labelsFor(name);
    const base = PROM_PREFIX + name;
    const help = `k6 metric ${name} (${type}) from the archtdd load engine`;
    const registers = [this.registry];
    if (type === 'counter') e = { kind: 'counter', m: new Counter({ name: `${base}_total`, help, labelNames, registers }), labels: labelNames };
    else if (type === 'gauge') e = { kind: 'gauge', m: new Gauge({ name: base, help, labelNames, registers }), labels: labelNames };
    else if (type === 'rate') {
      e = {
        kind: 'rate',
        hits: new Counter({ name: `${base}_total`, help: `${help}: samples that were non-zero`, labelNames, registers }),
        all: new Counter({ name: `${base}_samples_total`, help: `${help}: all samples`, labelNames, registers }),
        labels: labelNames,
      };
    } else {
      e = {
        kind: 'trend',
        m: new Histogram({ name: isTime ? `${base}_seconds` : base, help, labelNames, buckets: isTime ? TIME_BUCKETS : undefined, registers }),
        labels: labelNames,
        factor: isTime ? 0.001 : 1,
      };
    }
    this.exported.set(name, e);
    return e;
  }

  /** Listener for MetricsRegistry.onSample. */
  readonly onSample: SampleListener = (entry, value, tags) => {
    const e = this.get(entry);
    const labels = pick(e.labels, tags);
    switch (e.kind) {
      case 'counter':
        e.m.inc(labels, value);
        break;
      case 'gauge':
        e.m.set(labels, value);
        break;
      case 'rate':
        e.all.inc(labels, 1);
        if (value !== 0) e.hits.inc(labels, 1);
        break;
      case 'trend':
        e.m.observe(labels, value * e.factor);
        break;
    }
  };

  /** Adds deltas merged from worker threads (counters and gauges; histograms are not re-binned). */
  addCount(entry: MetricEntry, value: number, tags: Tags): void {
    const e = this.get(entry);
    if (e.kind === 'counter') e.m.inc(pick(e.labels, tags), value);
    else if (e.kind === 'gauge') e.m.set(pick(e.labels, tags), value);
  }
}

function pick(names: string[], tags: Tags | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = tags?.[n] ?? '';
  return out;
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
