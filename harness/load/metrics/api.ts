/** What targets use to add samples: custom metrics and built-ins, with the scenario's tags merged in. */
import type { Tags } from './tags.js';
import type { MetricDeclaration } from './declarations.js';
import type { MetricEntry, MetricsRegistry } from './registry.js';

export interface MetricHandle {
  add(value: number, tags?: Tags): void;
}

export interface MetricsApi {
  /** Add a sample to a declared metric (or a built-in by name). */
  add(metric: MetricDeclaration | string, value: number, tags?: Tags): void;
  counter(name: string): MetricHandle;
  gauge(name: string): MetricHandle;
  rate(name: string): MetricHandle;
  trend(name: string, isTime?: boolean): MetricHandle;
  /**
   * A fast adder for a declared or built-in metric: `tags` are used as given (they must
   * already include the scenario tags, i.e. start from ctx.tags). For hot paths like the HTTP target.
   */
  adder(metric: MetricDeclaration | string): (value: number, tags: Tags) => void;
}

export function metricsApi(registry: MetricsRegistry, baseTags: Tags): MetricsApi {
  const tagged = (tags?: Tags): Tags => (tags ? { ...baseTags, ...tags } : baseTags);
  const entry = (m: MetricDeclaration | string): MetricEntry => {
    if (typeof m !== 'string') return registry.define(m);
    const e = registry.get(m);
    if (!e) throw new TypeError(`No metric named "${m}": declare it (new Counter/Gauge/Rate/Trend) or use counter()/trend() on ctx.metrics.`);
    return e;
  };
  const handle = (decl: MetricDeclaration): MetricHandle => {
    const e = registry.define(decl);
    return { add: (v, tags) => registry.add(e, v, tagged(tags)) };
  };
  return {
    add: (m, v, tags) => registry.add(entry(m), v, tagged(tags)),
    counter: (name) => handle({ name, type: 'counter', isTime: false }),
    gauge: (name) => handle({ name, type: 'gauge', isTime: false }),
    rate: (name) => handle({ name, type: 'rate', isTime: false }),
    trend: (name, isTime = true) => handle({ name, type: 'trend', isTime }),
    adder: (m) => {
      const e = entry(m);
      return (v, tags) => registry.add(e, v, tags);
    },
  };
}
