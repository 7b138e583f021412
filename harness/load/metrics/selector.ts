/** k6 submetric names: `metric{tag:value,other:value}` (values may be quoted). */
import type { Tags } from './tags.js';

export interface MetricSelector {
  metric: string;
  tags: Tags;
  /** Canonical name, e.g. `http_req_duration{status:200}`. */
  name: string;
}

export function parseSelector(source: string): MetricSelector | string {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\{(.*)\})?\s*$/.exec(source);
  if (!m) return `"${source}" is not a metric name or a submetric like http_req_duration{status:200}.`;
  const metric = m[1]!;
  const tags: Tags = {};
  if (m[2] !== undefined) {
    for (const part of m[2].split(',')) {
      const kv = /^\s*([^:\s]+)\s*:\s*(.*?)\s*$/.exec(part);
      if (!kv || kv[2] === '') return `"${part.trim()}" in "${source}" is not tag:value.`;
      tags[kv[1]!] = kv[2]!.replace(/^(["'])(.*)\1$/, '$2');
    }
  }
  return { metric, tags, name: canonical(metric, tags) };
}

export function canonical(metric: string, tags: Tags): string {
  const keys = Object.keys(tags);
  return keys.length ? `${metric}{${keys.map((k) => `${k}:${tags[k]}`).join(',')}}` : metric;
}

export function matches(selector: Tags, tags: Tags | undefined): boolean {
  for (const k in selector) if (tags?.[k] !== selector[k]) return false;
  return true;
}
