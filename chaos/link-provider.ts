/**
 * The LinkProvider the environment uses (harness/faults/types.ts): the embedded proxy server,
 * in-process, or a real Toxiproxy when TOXIPROXY_URL is set, both driven by the same client.
 *
 * In-process rather than a child process: starting takes ~1 ms instead of a Node boot (~150 ms),
 * faults are applied without crossing a process, and it dies with the run; the proxy's CPU use is
 * on the harness's event loop, which bench/proxy.ts measures (< 0.1 ms added per round trip).
 * `archtdd toxiproxy` runs the same server as its own process when one is wanted.
 */
import type { LinkProvider, LinkProviderFactory } from '../harness/faults/types.js';
import { registerLinkProvider } from '../harness/faults/types.js';
import type { Endpoint } from '../harness/runtime/types.js';
import { ToxiproxyClient } from './client.js';
import { attachLink, createLink, type Link } from './links.js';
import { probeFor } from './probes.js';
import { startProxyServer } from './proxy/server.js';

export interface ChaosLinkProvider extends LinkProvider {
  readonly client: ToxiproxyClient;
  readonly links: ReadonlyMap<string, Link>;
  /** `kind` (e.g. "redis") picks the round-trip probe faults use to check themselves. */
  createLink(name: string, upstream: Endpoint, options?: { kind?: string }): Promise<Link>;
}

export const createLinkProvider = (async ({ port, seed, url }): Promise<ChaosLinkProvider> => {
  const external = url ? new ToxiproxyClient(url) : ToxiproxyClient.fromEnv();
  const server = external ? undefined : await startProxyServer({ host: '127.0.0.1', port, ...(seed !== undefined ? { seed } : {}) });
  const client = external ?? new ToxiproxyClient(server!.url);
  const version = await client.version();
  const links = new Map<string, Link>();
  return {
    client,
    links,
    description: server
      ? `embedded Toxiproxy-compatible proxy ${version} at ${server.url} (in-process, seed ${server.seed})`
      : `Toxiproxy ${version} at ${client.url}${url ? '' : ' (TOXIPROXY_URL)'}`,
    ...(server ? { metrics: { endpoint: { host: server.host, port: server.port }, path: '/metrics' } } : {}),
    async createLink(name, upstream, options) {
      // Without a kind, the edge's target name often is one ("catalog->redis", "app->kafka-2").
      const guess = name.split('->').pop()?.replace(/-\d+$/, '');
      const probe = probeFor(options?.kind) ?? probeFor(guess);
      const link = await createLink({ client, name, upstream, ...(probe ? { probe } : {}) });
      links.set(name, link);
      return link;
    },
    async attach(name, proxy, options) {
      const probe = probeFor(options?.kind ?? name.split('->')[1]);
      const link = await attachLink({ client, name, proxy, ...(probe ? { probe } : {}) });
      links.set(name, link);
      return link;
    },
    async resetAll() {
      for (const link of links.values()) await link.reset();
    },
    async [Symbol.asyncDispose]() {
      if (server) return server.close();
      // A shared real Toxiproxy: remove only the proxies this run created.
      for (const link of links.values()) await link.delete().catch(() => undefined);
    },
  };
}) satisfies LinkProviderFactory;

/** Make the environment create its links with this provider. */
export function registerChaosLinkProvider(): void {
  registerLinkProvider(createLinkProvider);
}
