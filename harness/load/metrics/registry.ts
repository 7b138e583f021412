/**
 * The metrics of one run: k6's built-ins plus declared custom metrics, each with a root
 * sink and the submetrics (`metric{tag:value}`) that thresholds ask for. Samples are
 * aggregated on arrival (constant memory); listeners (per-second series, Prometheus)
 * see every sample.
 */
import type { Tags } from './tags.js';
import { BUILTIN_METRICS } from './builtin.js';
import type { MetricDeclaration } from './declarations.js';
import { canonical, matches } from './selector.js';
import { newSink, type Sink, type SinkSnapshot } from './sinks.js';

export interface MetricEntry {
  decl: MetricDeclaration;
  root: Sink;
  subs: Array<{ name: string; tags: Tags; sink: Sink }>;
}

/** k6's handleSummary() shape for one metric. */
export interface MetricSummary {
  type: MetricDeclaration['type'];
  contains: 'time' | 'default';
  values: Record<string, number>;
}

export type SampleListener = (entry: MetricEntry, value: number, tags: Tags | undefined) => void;

export interface RegistrySnapshot {
  metrics: Array<{ decl: MetricDeclaration; root: SinkSnapshot; subs: Array<{ name: string; tags: Tags; sink: SinkSnapshot }> }>;
}

export class MetricsRegistry {
  private readonly entries = new Map<string, MetricEntry>();
  private readonly listeners: SampleListener[] = [];

  constructor(custom: readonly MetricDeclaration[] = []) {
    for (const decl of BUILTIN_METRICS) this.define(decl);
    for (const decl of custom) this.define(decl);
  }

  /** Idempotent; a second declaration with another type is an error (as in k6). */
  define(decl: MetricDeclaration): MetricEntry {
    const existing = this.entries.get(decl.name);
    if (existing) {
      if (existing.decl.type !== decl.type) {
        throw new TypeError(`Metric "${decl.name}" is a ${existing.decl.type} and cannot be redeclared as a ${decl.type}.`);
      }
      return existing;
    }
    const entry: MetricEntry = { decl, root: newSink(decl.type), subs: [] };
    this.entries.set(decl.name, entry);
    return entry;
  }

  all(): IterableIterator<MetricEntry> {
    return this.entries.values();
  }

  get(name: string): MetricEntry | undefined {
    return this.entries.get(name);
  }

  /** The sink for `metric{tags}` (created on first use); the root sink when tags are empty. */
  submetric(metric: string, tags: Tags): Sink | undefined {
    const entry = this.entries.get(metric);
    if (!entry) return undefined;
    if (Object.keys(tags).length === 0) return entry.root;
    const name = canonical(metric, tags);
    let sub = entry.subs.find((s) => s.name === name);
    if (!sub) {
      sub = { name, tags, sink: newSink(entry.decl.type) };
      entry.subs.push(sub);
    }
    return sub.sink;
  }

  onSample(listener: SampleListener): void {
    this.listeners.push(listener);
  }

  add(entry: MetricEntry, value: number, tags?: Tags): void {
    entry.root.add(value);
    for (const sub of entry.subs) if (matches(sub.tags, tags)) sub.sink.add(value);
    for (const l of this.listeners) l(entry, value, tags);
  }

  summary(elapsedMs: number, trendStats?: readonly string[]): Record<string, MetricSummary> {
    const out: Record<string, MetricSummary> = {};
    for (const [name, e] of this.entries) {
      const contains = e.decl.isTime ? 'time' : 'default';
      out[name] = { type: e.decl.type, contains, values: e.root.values(elapsedMs, trendStats) };
      for (const sub of e.subs) out[sub.name] = { type: e.decl.type, contains, values: sub.sink.values(elapsedMs, trendStats) };
    }
    return out;
  }

  /** The sink of a metric or submetric by its canonical name. */
  sink(name: string): Sink | undefined {
    const brace = name.indexOf('{');
    const entry = this.entries.get(brace < 0 ? name : name.slice(0, brace));
    if (!entry) return undefined;
    return brace < 0 ? entry.root : entry.subs.find((s) => s.name === name)?.sink;
  }

  snapshot(): RegistrySnapshot {
    return {
      metrics: [...this.entries.values()].map((e) => ({
        decl: e.decl,
        root: e.root.snapshot(),
        subs: e.subs.map((s) => ({ name: s.name, tags: s.tags, sink: s.sink.snapshot() })),
      })),
    };
  }

  merge(snap: RegistrySnapshot): void {
    for (const m of snap.metrics) {
      const entry = this.define(m.decl);
      entry.root.merge(m.root);
      for (const s of m.subs) this.submetric(m.decl.name, s.tags)?.merge(s.sink);
    }
  }

  reset(): void {
    for (const e of this.entries.values()) {
      e.root.reset();
      for (const s of e.subs) s.sink.reset();
    }
  }

  destroy(): void {
    for (const e of this.entries.values()) {
      e.root.destroy();
      for (const s of e.subs) s.sink.destroy();
    }
  }
}
