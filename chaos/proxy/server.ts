/**
 * The embedded Toxiproxy-compatible server: a TCP proxy with Toxiproxy's HTTP API, in-process in
 * Node (node:net + node:http).
 *
 * Hand-written because no Toxiproxy server can be installed on these machines (it is in neither
 * apt nor npm; toxiproxy-node-client is a client only). It follows Shopify/toxiproxy's behaviour:
 * toxic chains per direction with a hidden noop head, toxicity rolled per connection and toxic,
 * toxics added/removed on live connections, "down" as enabled:false, the same error texts.
 * Differences: `listen` without a host binds 127.0.0.1 (loopback only), attributes are validated
 * strictly (unknown keys and wrong types are 400), randomness comes from a seedable PRNG.
 */
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { randomSeed } from '../prng.js';
import { createApiHandler, TOXIPROXY_COMPAT_VERSION } from './api.js';
import { ProxyCollection } from './collection.js';
import { createMetrics } from './metrics.js';

export interface ProxyServerOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default 0 (a free port); Toxiproxy's own default is 8474 */
  port?: number;
  /** PRNG seed for jitter, toxicity and slicer sizes; random (and reported) when absent */
  seed?: number;
  /** let proxies listen on non-loopback addresses (default false) */
  allowNonLoopback?: boolean;
}

export interface StartedProxyServer extends AsyncDisposable {
  /** e.g. http://127.0.0.1:8474 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  /** the version /version reports */
  readonly version: string;
  /** Stops the API and every proxy, closing their connections. */
  close(): Promise<void>;
}

export async function startProxyServer(options: ProxyServerOptions = {}): Promise<StartedProxyServer> {
  const host = options.host ?? '127.0.0.1';
  const seed = (options.seed ?? randomSeed()) >>> 0;
  const collection = new ProxyCollection(seed, options.allowNonLoopback ?? false);
  const metrics = createMetrics(() => collection.proxies.values());
  const version = TOXIPROXY_COMPAT_VERSION;
  const handler = createApiHandler(collection, metrics, version);
  const server = http.createServer((req, res) => void handler(req, res));
  server.keepAliveTimeout = 60_000;
  server.listen({ host, port: options.port ?? 0 });
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await collection.closeAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    })());
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    seed,
    version,
    close,
    [Symbol.asyncDispose]: close,
  };
}
