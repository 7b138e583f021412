/**
 * A Link is one proxy on one dependency edge ("catalog->postgres"): dependents connect to
 * `listen`, the proxy forwards to `upstream`. Faults act on links through the Toxiproxy API, so
 * the same code drives the embedded proxy and a real Toxiproxy.
 */
import { FaultError } from '../harness/errors.js';
import type { LinkHandle } from '../harness/faults/types.js';
import type { Endpoint } from '../harness/runtime/types.js';
import type { ProxyInfo, ToxicInfo, ToxicSpec, ToxiproxyClient } from './client.js';
import { ToxiproxyApiError } from './client.js';
import { parseEndpoint } from './endpoint.js';
import type { Probe } from './probes.js';

export interface Link extends LinkHandle {
  readonly client: ToxiproxyClient;
  /** A protocol round trip for fault observation (e.g. redis PING), if the upstream's kind is known. */
  readonly probe?: Probe;
  setEnabled(enabled: boolean): Promise<void>;
  addToxic(spec: ToxicSpec): Promise<ToxicInfo>;
  updateToxic(name: string, update: { toxicity?: number; attributes?: Record<string, number> }): Promise<ToxicInfo>;
  removeToxic(name: string): Promise<void>;
  toxics(): Promise<ToxicInfo[]>;
  info(): Promise<ProxyInfo>;
  /** Remove every toxic of this link and enable it. */
  reset(): Promise<void>;
  /** Delete the proxy. */
  delete(): Promise<void>;
}

export interface CreateLinkOptions {
  client: ToxiproxyClient;
  name: string;
  upstream: Endpoint;
  /** Where the proxy listens, default "127.0.0.1:0" (a free port). */
  listen?: string;
  /** Map the proxy's listen address to where the harness reaches it (a real Toxiproxy in a container). */
  reachAt?: (listen: Endpoint) => Endpoint;
  probe?: Probe;
}

export function isLink(x: LinkHandle): x is Link {
  return typeof (x as Partial<Link>).addToxic === 'function' && typeof (x as Partial<Link>).setEnabled === 'function';
}

/** Create the proxy (replacing a stale one of the same name) and return its Link. */
export async function createLink(options: CreateLinkOptions): Promise<Link> {
  const { client, name, upstream } = options;
  const spec = { name, listen: options.listen ?? '127.0.0.1:0', upstream: `${upstream.host}:${upstream.port}`, enabled: true };
  let info: ProxyInfo;
  try {
    info = await client.createProxy(spec);
  } catch (e) {
    if (!(e instanceof ToxiproxyApiError && e.status === 409)) throw e;
    await client.deleteProxy(name);
    info = await client.createProxy(spec);
  }
  return linkOver(client, name, info, { ...(options.reachAt ? { reachAt: options.reachAt } : {}), ...(options.probe ? { probe: options.probe } : {}), upstream });
}

/**
 * A Link over a proxy that already exists in a (real) Toxiproxy: the external runtime's links.
 * `name` is the dependency edge ("catalog->redis"), `proxy` the Toxiproxy proxy that carries it.
 * The proxy is the user's: delete() leaves it in place.
 */
export async function attachLink(options: { client: ToxiproxyClient; name: string; proxy: string; probe?: Probe }): Promise<Link> {
  let info: ProxyInfo;
  try {
    info = await options.client.getProxy(options.proxy);
  } catch (e) {
    throw new FaultError(`Link "${options.name}": Toxiproxy at ${options.client.url} has no proxy "${options.proxy}" (${(e as Error).message}).`, {
      fix: 'Create the proxy in Toxiproxy, or correct links["' + options.name + '"].proxy in the external config.',
    });
  }
  const link = linkOver(options.client, options.proxy, info, options.probe ? { probe: options.probe } : {});
  return { ...link, name: options.name, delete: async () => undefined };
}

function linkOver(client: ToxiproxyClient, proxy: string, info: ProxyInfo, options: { reachAt?: (listen: Endpoint) => Endpoint; probe?: Probe; upstream?: Endpoint }): Link {
  const name = proxy;
  const bound = parseEndpoint(info.listen);
  const listen = options.reachAt ? options.reachAt(bound) : { host: bound.host === '0.0.0.0' || bound.host === '' ? '127.0.0.1' : bound.host, port: bound.port };
  if (listen.port === 0) throw new FaultError(`Link "${name}": the proxy reported listen "${info.listen}" without a real port.`, { fix: 'Use a Toxiproxy that reports the bound port (2.x does).' });
  const upstream = options.upstream ?? parseEndpoint(info.upstream);
  return {
    name,
    listen,
    upstream,
    client,
    ...(options.probe ? { probe: options.probe } : {}),
    async setEnabled(enabled) {
      await client.updateProxy(name, { enabled });
    },
    addToxic: (t) => client.addToxic(name, t),
    updateToxic: (t, u) => client.updateToxic(name, t, u),
    removeToxic: (t) => client.removeToxic(name, t),
    toxics: () => client.toxics(name),
    info: () => client.getProxy(name),
    async reset() {
      for (const t of await client.toxics(name)) await client.removeToxic(name, t.name);
      await client.updateProxy(name, { enabled: true });
    },
    delete: () => client.deleteProxy(name),
  };
}
