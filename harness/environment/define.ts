/**
 * An environment declaration: the servers and services of a system under test, and the
 * Prometheus that scrapes them. Data only; started by startEnvironment().
 */
import type { ConfigIssue } from '../errors.js';
import type { Component, Endpoint } from '../runtime/types.js';

export interface ScrapeTarget {
  job: string;
  targets: Endpoint[];
  metricsPath?: string;
}

/** The metrics store the SLIs are read from (systems/prometheus implements it). */
export interface MetricsStoreComponent extends Component {
  withScrapeTargets(targets: ScrapeTarget[]): this;
  withScrapeInterval(seconds: number): this;
}

export interface EnvironmentSpec {
  /** Prometheus (required: SLIs are read from real Prometheus) */
  prometheus: MetricsStoreComponent;
  /** servers and services; dependencies are reached through links (proxies) */
  components: Component[];
  /** scrape interval in seconds (default 1) */
  scrapeIntervalSeconds?: number;
}

export function defineEnvironment(spec: EnvironmentSpec): EnvironmentSpec {
  return spec;
}

/** Structural problems, found before anything starts. */
export function validateEnvironment(spec: EnvironmentSpec, path = 'environment'): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!spec || typeof spec !== 'object') {
    return [{ path, message: 'is missing.', fix: 'Declare it with defineEnvironment({ prometheus, components }).' }];
  }
  if (!spec.prometheus) {
    issues.push({
      path: `${path}.prometheus`,
      message: 'is missing; SLIs are read from a real Prometheus.',
      fix: 'Add prometheus: new PrometheusServer().',
    });
  }
  const names = new Map<string, number>();
  for (const c of spec.components ?? []) names.set(c.name, (names.get(c.name) ?? 0) + 1);
  for (const [n, count] of names) {
    if (count > 1) issues.push({ path: `${path}.components`, message: `the name "${n}" is used ${count} times.`, fix: 'Give each component a unique name with withName().' });
  }
  if (spec.prometheus && names.has(spec.prometheus.name)) {
    issues.push({ path: `${path}.components`, message: `"${spec.prometheus.name}" clashes with the Prometheus name.`, fix: 'Rename the component.' });
  }
  for (const c of spec.components ?? []) {
    for (const d of c.dependsOn) {
      if (!names.has(d)) {
        issues.push({
          path: `${path}.components["${c.name}"].dependsOn`,
          message: `names "${d}", which is not a component of this environment (have: ${[...names.keys()].join(', ')}).`,
          fix: `Add a component named "${d}" or remove the dependency.`,
        });
      }
    }
  }
  for (const c of [spec.prometheus, ...(spec.components ?? [])]) if (c?.validate) issues.push(...c.validate().map((i) => ({ ...i, path: `${path}.${i.path}` })));
  const cycle = findCycle(spec.components ?? []);
  if (cycle) issues.push({ path: `${path}.components`, message: `dependencies form a cycle: ${cycle.join(' -> ')}.`, fix: 'Break the cycle.' });
  if (spec.scrapeIntervalSeconds !== undefined && !(spec.scrapeIntervalSeconds > 0 && spec.scrapeIntervalSeconds <= 60)) {
    issues.push({ path: `${path}.scrapeIntervalSeconds`, message: `is ${spec.scrapeIntervalSeconds}; it must be in (0, 60].`, fix: 'Use 1 (the default).' });
  }
  return issues;
}

function findCycle(components: Component[]): string[] | undefined {
  const byName = new Map(components.map((c) => [c.name, c]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of byName.get(n)?.dependsOn ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const c of components) {
    const cyc = visit(c.name);
    if (cyc) return cyc;
  }
  return undefined;
}

/** Start order: each wave's components depend only on earlier waves. */
export function startWaves(components: Component[]): Component[][] {
  const done = new Set<string>();
  const left = [...components];
  const waves: Component[][] = [];
  while (left.length) {
    const wave = left.filter((c) => c.dependsOn.every((d) => done.has(d)));
    if (wave.length === 0) throw new Error('dependency cycle (validateEnvironment should have caught it)');
    waves.push(wave);
    for (const c of wave) {
      done.add(c.name);
      left.splice(left.indexOf(c), 1);
    }
  }
  return waves;
}
