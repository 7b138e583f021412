/**
 * Starts an environment: ports first, Prometheus first (its first scrape takes ~5 s, so it
 * starts early with stable targets), the link provider (proxy) beside it, then components in
 * dependency waves, each dependency reached through a link so any edge can be faulted.
 */
import { EnvironmentStartError } from '../errors.js';
import type { LinkHandle, LinkProvider } from '../faults/types.js';
import { getLinkProviderFactory } from '../faults/types.js';
import { PrometheusClient } from '../prometheus/client.js';
import type {
  Component,
  DependencyView,
  Endpoint,
  ResourceOwner,
  RuntimeKind,
  StartContext,
  StartedComponent,
} from '../runtime/types.js';
import { LOOPBACK } from '../runtime/types.js';
import { startWaves, validateEnvironment, type EnvironmentSpec, type ScrapeTarget } from './define.js';
import { InvalidConfigError } from '../errors.js';
import { freePort as allocatePort } from '../runtime/ports.js';

export interface StartEnvironmentOptions {
  runtime: RuntimeKind;
  owner: ResourceOwner;
  /** extra scrape targets known before start (e.g. the load generator's metrics) */
  extraTargets?: ScrapeTarget[];
  /** per-component readiness budget, ms (default 60 s) */
  startupTimeoutMs?: number;
  /** endpoints for the external runtime */
  external?: StartContext['external'];
  /** do not put proxies on dependency edges */
  noLinks?: boolean;
  seed?: number;
  runtimeState?: unknown;
}

export interface StartedEnvironment {
  readonly runtime: RuntimeKind;
  readonly prometheus: StartedComponent;
  readonly prom: PrometheusClient;
  /** every started component, Prometheus included, by name */
  readonly components: ReadonlyMap<string, StartedComponent>;
  readonly links: ReadonlyMap<string, LinkHandle>;
  readonly linkProvider?: LinkProvider;
  /** scrape jobs Prometheus was given */
  readonly jobs: string[];
  readonly scrapeIntervalSeconds: number;
  /** Main URL of a component (for services: http://host:port). */
  url(name: string): string;
  component(name: string): StartedComponent;
  /** The link on one dependency edge, e.g. "catalog->redis" (for imperative faults). */
  link(name: string): LinkHandle;
  versions(): Record<string, string>;
}

export async function startEnvironment(spec: EnvironmentSpec, opts: StartEnvironmentOptions): Promise<StartedEnvironment> {
  const issues = validateEnvironment(spec);
  if (issues.length) throw new InvalidConfigError(issues);
  const { owner, runtime } = opts;
  const timeout = opts.startupTimeoutMs ?? 60_000;
  const interval = spec.scrapeIntervalSeconds ?? 1;
  const external = runtime === 'external';

  // 1. Ports for everything, before anything starts.
  const ports = new Map<string, Record<string, number>>();
  for (const c of [spec.prometheus, ...spec.components]) {
    const p: Record<string, number> = {};
    if (!external) for (const n of c.portNames) p[n] = await allocatePort();
    ports.set(c.name, p);
  }

  // 2. Stable scrape targets, so Prometheus starts first.
  const targets: ScrapeTarget[] = [...(opts.extraTargets ?? [])];
  for (const c of spec.components) {
    for (const m of c.metricsPaths ?? []) {
      const port = ports.get(c.name)?.[m.port];
      if (port === undefined) {
        if (external) continue;
        throw new EnvironmentStartError(`Component "${c.name}" exposes metrics on port "${m.port}" but declares no such port.`, {
          fix: `Add "${m.port}" with withPorts().`,
        });
      }
      targets.push({ job: c.name, targets: [{ host: LOOPBACK, port }], metricsPath: m.path });
    }
  }

  // External: faults only on the existing proxies the config maps to edges; nothing is started.
  const given = external ? externalLinks(opts.runtimeState) : undefined;
  const linkFactory = opts.noLinks || (external && !given) ? undefined : getLinkProviderFactory();
  const linkProvider = linkFactory
    ? await linkFactory({ owner, port: await allocatePort(), ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(given ? { url: given.url } : {}) })
    : undefined;
  if (linkProvider) owner.defer('link provider', async () => { await linkProvider[Symbol.asyncDispose](); });
  // The proxy's own metrics are scraped too, when it has them at a known address.
  if (linkProvider?.metrics) targets.push({ job: 'archtdd_proxy', targets: [linkProvider.metrics.endpoint], metricsPath: linkProvider.metrics.path });

  spec.prometheus.withScrapeTargets(targets).withScrapeInterval(interval);

  const started = new Map<string, StartedComponent>();
  const links = new Map<string, LinkHandle>();
  if (given && linkProvider?.attach) {
    for (const [edge, proxy] of Object.entries(given.links)) links.set(edge, await linkProvider.attach(edge, proxy));
  }
  const deadline = () => Date.now() + timeout;
  const ctxFor = (c: Component, deps: Record<string, DependencyView>): StartContext => ({
    runtime,
    owner,
    ports: ports.get(c.name) ?? {},
    deps,
    deadline: deadline(),
    ...(opts.external ? { external: opts.external } : {}),
    ...(opts.runtimeState !== undefined ? { runtimeState: opts.runtimeState } : {}),
  });
  const startOne = async (c: Component, deps: Record<string, DependencyView>) => {
    try {
      const s = await c.start(ctxFor(c, deps));
      owner.defer(`stop ${c.name}`, () => s.stop());
      started.set(c.name, s);
      return s;
    } catch (e) {
      if (e instanceof EnvironmentStartError) throw e;
      throw new EnvironmentStartError(`"${c.name}" (${c.kind}) did not start on the ${runtime} runtime: ${(e as Error).message}`, {
        fix: 'Read its log in the run folder; run `pnpm setup` if a server binary is missing.',
        cause: e,
      });
    }
  };

  // 3. Prometheus first, in parallel with the first wave.
  const promStarted = startOne(spec.prometheus, {});
  const waves = startWaves(spec.components);
  try {
    for (const wave of waves) {
      await Promise.all(
        wave.map(async (c) => {
          const deps: Record<string, DependencyView> = {};
          for (const d of c.dependsOn) deps[d] = await viewThroughLinks(c.name, started.get(d)!, external ? undefined : linkProvider, links);
          await startOne(c, deps);
        }),
      );
    }
  } finally {
    await promStarted.catch(() => undefined);
  }
  const prometheus = await promStarted;
  const prom = new PrometheusClient(prometheus.urlFor());

  // 4. Every job scraped at least once before load starts.
  const jobs = [...new Set(targets.map((t) => t.job))];
  if (jobs.length) {
    await prom.waitForSample(`count(up{job=~"${jobs.join('|')}"} == 1) >= ${jobs.length}`, Date.now() + 30_000);
  }

  return {
    runtime,
    prometheus,
    prom,
    components: started,
    links,
    ...(linkProvider ? { linkProvider } : {}),
    jobs,
    scrapeIntervalSeconds: interval,
    url: (name) => component(name).urlFor(),
    component,
    link(name) {
      const l = links.get(name);
      if (!l) throw new EnvironmentStartError(`No link "${name}" (have: ${[...links.keys()].join(', ') || 'none: this runtime runs without proxies'}).`, { fix: 'Name a dependency edge as "<service>-><dependency>".' });
      return l;
    },
    versions() {
      const v: Record<string, string> = {};
      for (const s of started.values()) v[s.kind === s.name ? s.kind : `${s.name} (${s.kind})`] = s.version;
      return v;
    },
  };

  function component(name: string): StartedComponent {
    const c = name === prometheus?.name ? prometheus : started.get(name);
    if (!c) throw new EnvironmentStartError(`No component "${name}" in this environment (have: ${[...started.keys()].join(', ')}).`);
    return c;
  }
}

/** The dependency as its dependent sees it: through one link per endpoint (kafka: per broker). */
async function viewThroughLinks(
  from: string,
  dep: StartedComponent,
  provider: LinkProvider | undefined,
  links: Map<string, LinkHandle>,
): Promise<DependencyView> {
  const endpoints = dep.linkEndpoints ?? [dep.endpoint];
  const mapping = new Map<string, Endpoint>();
  if (provider) {
    let i = 0;
    for (const e of endpoints) {
      const name = endpoints.length > 1 ? `${from}->${dep.name}#${i++}` : `${from}->${dep.name}`;
      const link = await provider.createLink(name, e, { kind: dep.kind });
      links.set(name, link);
      mapping.set(`${e.host}:${e.port}`, link.listen);
    }
  }
  const rewrite = (e: Endpoint): Endpoint => mapping.get(`${e.host}:${e.port}`) ?? e;
  const endpoint = rewrite(dep.endpoint);
  const extra = dep.extraFor?.(rewrite);
  return { name: dep.name, kind: dep.kind, endpoint, url: dep.urlFor(endpoint), ...(extra ? { extra } : {}) };
}

/** The external runtime's existing Toxiproxy proxies by edge, from its runtime state (toxiproxy.url + links). */
function externalLinks(state: unknown): { url: string; links: Record<string, string> } | undefined {
  const st = state as { toxiproxy?: { url?: string }; links?: Record<string, { proxy: string }> } | undefined;
  if (!st?.toxiproxy?.url || !st.links || Object.keys(st.links).length === 0) return undefined;
  return { url: st.toxiproxy.url, links: Object.fromEntries(Object.entries(st.links).map(([edge, l]) => [edge, l.proxy])) };
}
