/**
 * The LinkProvider the environment uses: embedded by default (with /metrics for Prometheus),
 * or whatever TOXIPROXY_URL names, driven through the same client; there it removes only the
 * proxies it created. (A standalone embedded server stands in for a real toxiproxy-server,
 * which cannot be installed here.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLinkProvider } from '../../../chaos/link-provider.js';
import { ToxiproxyClient } from '../../../chaos/client.js';
import { startProxyServer } from '../../../chaos/proxy/server.js';
import { createOwner } from '../../../harness/runtime/owner.js';
import { Fault } from '../../../chaos/faults/index.js';
import { startEcho } from './helpers.js';

const saved = process.env.TOXIPROXY_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.TOXIPROXY_URL;
  else process.env.TOXIPROXY_URL = saved;
});

describe('link provider', () => {
  it('embedded: starts its own server, exposes /metrics, closes everything on dispose', async () => {
    delete process.env.TOXIPROXY_URL;
    await using owner = await createOwner();
    await using echo = await startEcho();
    const provider = await createLinkProvider({ owner, port: 0, seed: 11 });
    expect(provider.description).toMatch(/^embedded Toxiproxy-compatible proxy 2\.\d+\.\d+ at http:\/\/127\.0\.0\.1:\d+ \(in-process, seed 11\)$/);
    expect(provider.metrics?.path).toBe('/metrics');
    const link = await provider.createLink('svc->redis', { host: '127.0.0.1', port: echo.port });
    expect(link.probe).toBeDefined(); // guessed from the edge name
    const metrics = await fetch(`http://127.0.0.1:${provider.metrics!.endpoint.port}/metrics`).then((r) => r.text());
    expect(metrics).toContain('toxiproxy_proxy_enabled{proxy="svc->redis"} 1');
    await provider[Symbol.asyncDispose]();
    await expect(provider.client.version()).rejects.toMatchObject({ status: 0 });
  });

  it('TOXIPROXY_URL: drives that server and on dispose deletes only its own proxies', async () => {
    await using external = await startProxyServer({ seed: 1 });
    await using echo = await startEcho();
    const other = new ToxiproxyClient(external.url);
    await other.createProxy({ name: 'someone-else', listen: '127.0.0.1:0', upstream: `127.0.0.1:${echo.port}` });
    process.env.TOXIPROXY_URL = external.url;
    await using owner = await createOwner();
    const provider = await createLinkProvider({ owner, port: 0 });
    expect(provider.description).toBe(`Toxiproxy 2.12.0 at ${external.url} (TOXIPROXY_URL)`);
    expect(provider.metrics).toBeUndefined();
    const link = await provider.createLink('svc->echo', { host: '127.0.0.1', port: echo.port });
    await Fault.latency({ latencyMs: 5 }).apply(link);
    expect(Object.keys(await other.proxies()).sort()).toEqual(['someone-else', 'svc->echo']);
    await provider.resetAll();
    expect((await other.getProxy('svc->echo')).toxics).toEqual([]);
    await provider[Symbol.asyncDispose]();
    expect(Object.keys(await other.proxies())).toEqual(['someone-else']);
  });
});
