/**
 * Handles for components the external runtime was given: nothing is started or stopped, and
 * there is no ProcessControl (`process` is undefined), so kill/pause/restart faults cannot
 * apply; fault code must say so (see `processFaultUnsupported`).
 *
 *   const given = givenEndpoint(ctx, c, { scheme: 'redis', defaultPort: 6379 });
 *   await given.reachable(ctx.deadline);
 *   return new ExternalHandle({ name, kind, endpoint: given.endpoint, url: given.urlFor, version: 'external' });
 */
import { EnvironmentStartError, FaultError } from '../../errors.js';
import type { Endpoint, StartContext, StartedComponent } from '../types.js';
import { endpointString } from '../types.js';
import { Wait } from '../wait.js';

export const EXTERNAL_NOTE = 'external (not started by archtdd)';

export interface ExternalHandleOptions {
  name: string;
  kind: string;
  version: string;
  endpoint: Endpoint;
  endpoints?: Record<string, Endpoint>;
  url: (e: Endpoint) => string;
  linkEndpoints?: readonly Endpoint[];
  extraFor?: (rewrite: (e: Endpoint) => Endpoint) => Record<string, string>;
  metrics?: readonly { endpoint: Endpoint; path: string }[];
  note?: string;
}

export class ExternalHandle implements StartedComponent {
  readonly name: string;
  readonly kind: string;
  readonly runtime = 'external' as const;
  readonly version: string;
  readonly endpoint: Endpoint;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly linkEndpoints: readonly Endpoint[];
  readonly metrics: readonly { endpoint: Endpoint; path: string }[] | undefined;
  /** Always undefined: archtdd does not own the process. */
  readonly process = undefined;
  readonly note: string;
  readonly extraFor: ((rewrite: (e: Endpoint) => Endpoint) => Record<string, string>) | undefined;
  private readonly makeUrl: (e: Endpoint) => string;

  constructor(o: ExternalHandleOptions) {
    this.name = o.name;
    this.kind = o.kind;
    this.version = o.version;
    this.endpoint = o.endpoint;
    this.endpoints = o.endpoints ?? { main: o.endpoint };
    this.linkEndpoints = o.linkEndpoints ?? [o.endpoint];
    this.metrics = o.metrics;
    this.note = o.note ?? EXTERNAL_NOTE;
    this.extraFor = o.extraFor;
    this.makeUrl = o.url;
  }

  get url(): string {
    return this.makeUrl(this.endpoint);
  }

  urlFor(endpoint: Endpoint = this.endpoint): string {
    return this.makeUrl(endpoint);
  }

  /** Stops nothing: the external runtime stops nothing it was not asked to start. */
  async stop(): Promise<void> {}
}

/** The error a process fault (kill, pause, restart) raises on an external component. */
export function processFaultUnsupported(component: Pick<StartedComponent, 'name' | 'kind'>, fault: string): FaultError {
  return new FaultError(
    `The fault "${fault}" needs control of ${component.name}'s process, but ${component.name} (${component.kind}) runs on the external runtime, which owns no process.`,
    { fix: 'Run this SLO on the local or containers runtime, or fault the link to it through a Toxiproxy proxy (links: in the external config).' },
  );
}

export interface GivenEndpoint {
  endpoint: Endpoint;
  /** The configured URL with host and port replaced (user, password, path kept). */
  urlFor: (e: Endpoint) => string;
  /** Resolves when a TCP connection succeeds; ReadinessTimeoutError naming the address otherwise. */
  reachable: (deadline: number) => Promise<void>;
  raw: Readonly<Record<string, unknown>>;
}

/** The endpoint given for component `c` in ctx.external, as a URL or host+port. */
export function givenEndpoint(
  ctx: StartContext,
  c: { name: string; kind: string },
  o: { scheme: string; defaultPort: number },
): GivenEndpoint {
  const given = ctx.external?.[c.name];
  if (!given) {
    throw new EnvironmentStartError(`${c.name} (${c.kind}): the external runtime was given no endpoint for it.`, {
      fix: `Add endpoints.${c.name}: { url: ${o.scheme}://host:${o.defaultPort} } to the external config, or set ARCHTDD_EXTERNAL_${c.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL.`,
    });
  }
  let base: URL;
  if (typeof given.url === 'string') {
    base = new URL(given.url);
  } else if (typeof given.host === 'string' && typeof given.port === 'number') {
    base = new URL(`${o.scheme}://${given.host.includes(':') ? `[${given.host}]` : given.host}:${given.port}`);
  } else {
    throw new EnvironmentStartError(`${c.name} (${c.kind}): its external endpoint has neither a url nor a host and a port.`, {
      fix: `Give endpoints.${c.name}.url, e.g. ${o.scheme}://host:${o.defaultPort}.`,
    });
  }
  const endpoint: Endpoint = {
    host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: base.port ? Number(base.port) : o.defaultPort,
  };
  const urlFor = (e: Endpoint): string => {
    const u = new URL(base.href);
    u.hostname = e.host.includes(':') ? `[${e.host}]` : e.host;
    u.port = String(e.port);
    return u.protocol.startsWith('http') ? u.href.replace(/\/$/, '') : u.href;
  };
  return {
    endpoint,
    urlFor,
    raw: given,
    reachable: (deadline) =>
      Wait.forTcp(endpoint).waitUntil({ deadline, what: `${c.name} (${c.kind}, external at ${endpointString(endpoint)})` }),
  };
}
