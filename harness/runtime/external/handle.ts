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
import { ServerHandleBase, type ServerHandleOptions } from '../handle-base.js';
import type { Endpoint, StartContext, StartedComponent } from '../types.js';
import { endpointString } from '../types.js';
import { Wait } from '../wait.js';

export const EXTERNAL_NOTE = 'external (not started by archtdd)';

export type ExternalHandleOptions = ServerHandleOptions;

export class ExternalHandle extends ServerHandleBase {
  readonly runtime = 'external' as const;
  /** Always undefined: archtdd does not own the process. */
  readonly process = undefined;
  /** Always set: EXTERNAL_NOTE unless the driver gives another. */
  declare readonly note: string;

  constructor(o: ExternalHandleOptions) {
    super({ ...o, note: o.note ?? EXTERNAL_NOTE });
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
