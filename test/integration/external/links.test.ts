/**
 * External runtime faults: the harness is given an existing Toxiproxy (here our server, standing
 * in for a real one) and a map from dependency edge to its proxy; faults act on those proxies,
 * nothing is created or deleted, and rollback restores the traffic.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import '../../../cli/plugins.js';
import { Fault } from '../../../chaos/faults/index.js';
import { ToxiproxyClient } from '../../../chaos/client.js';
import { startProxyServer } from '../../../chaos/proxy/server.js';
import { defineEnvironment } from '../../../harness/environment/define.js';
import { startEnvironment } from '../../../harness/environment/start.js';
import { createOwner } from '../../../harness/runtime/owner.js';
import { freePorts } from '../../../harness/runtime/ports.js';
import { PrometheusServer, RedisServer } from '../../../systems/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('the external runtime faults only the proxies it is given', () => {
  it('attaches "app->redis" to an existing proxy, cuts it, restores it, and leaves the proxy in place', async () => {
    // "the cluster": a Redis, a Prometheus and a Toxiproxy with one proxy, all started elsewhere
    const elsewhere = await createOwner();
    cleanups.push(() => elsewhere.dispose());
    const ctx = async (names: string[]) => ({ runtime: 'local' as const, owner: elsewhere, ports: await freePorts(names), deps: {}, deadline: Date.now() + 30_000 });
    const redis = await new RedisServer().start(await ctx(['main']));
    const prometheus = await new PrometheusServer().start(await ctx(['main']));
    const toxiproxy = await startProxyServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => toxiproxy.close());
    const admin = new ToxiproxyClient(toxiproxy.url);
    const proxy = await admin.createProxy({ name: 'app-redis', listen: '127.0.0.1:0', upstream: `${redis.endpoint.host}:${redis.endpoint.port}`, enabled: true });

    const owner = await createOwner();
    const env = await startEnvironment(defineEnvironment({ prometheus: new PrometheusServer(), components: [new RedisServer()] }), {
      runtime: 'external',
      owner,
      external: { prometheus: { url: prometheus.urlFor() }, redis: { url: redis.urlFor() } },
      runtimeState: { toxiproxy: { url: toxiproxy.url }, links: { 'app->redis': { proxy: 'app-redis' } } },
    });
    const link = env.link('app->redis');
    expect(link.listen.port).toBe(Number(proxy.listen.split(':').pop()));
    const client = () => {
      const r = new Redis({ host: link.listen.host, port: link.listen.port, lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 500, retryStrategy: () => null });
      r.on('error', () => undefined); // the refused connection is asserted through the rejected promise
      return r;
    };

    const before = client();
    expect(await before.ping()).toBe('PONG');
    before.disconnect();
    {
      await using cut = await Fault.down().apply({ kind: 'link', name: 'app->redis', link });
      expect((await cut.observe()).observed).toBe(true);
      const during = client();
      await expect(during.connect().then(() => during.ping())).rejects.toThrow();
      during.disconnect();
    }
    const after = client();
    expect(await after.ping()).toBe('PONG');
    after.disconnect();

    await owner.dispose();
    // the user's proxy is still there after the run
    expect(Object.keys(await admin.proxies())).toContain('app-redis');
  });
});
