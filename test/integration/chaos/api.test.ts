/**
 * toxiproxy-node-client (the official Node client for Toxiproxy) drives every endpoint of the
 * embedded server; results are checked against the server's state and against real traffic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Toxiproxy } from 'toxiproxy-node-client';
import { startProxyServer, type StartedProxyServer } from '../../../chaos/proxy/server.js';
import { ToxiproxyClient, ToxiproxyApiError } from '../../../chaos/client.js';
import { connect, portOf, roundTrip, startEcho, type EchoServer } from './helpers.js';

let server: StartedProxyServer;
let echo: EchoServer;
let toxiproxy: Toxiproxy;
let ours: ToxiproxyClient;

beforeAll(async () => {
  server = await startProxyServer({ seed: 42 });
  echo = await startEcho();
  toxiproxy = new Toxiproxy(server.url);
  ours = new ToxiproxyClient(server.url);
});
afterAll(async () => {
  await server?.close();
  await echo?.close();
});

const upstream = (): string => `127.0.0.1:${echo.port}`;

describe('Toxiproxy HTTP API through toxiproxy-node-client', () => {
  it('GET /version answers a Toxiproxy 2.x version document', async () => {
    const text = await toxiproxy.getVersion();
    expect(JSON.parse(text)).toEqual({ version: expect.stringMatching(/^2\.\d+\.\d+/) });
  });

  it('POST /proxies creates a proxy on the real port and it forwards traffic', async () => {
    const proxy = await toxiproxy.createProxy({ name: 'create', listen: '127.0.0.1:0', upstream: upstream() });
    expect(proxy.enabled).toBe(true);
    expect(proxy.listen).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(portOf(proxy.listen)).toBeGreaterThan(0);
    const s = await connect(portOf(proxy.listen));
    await expect(roundTrip(s, 100)).resolves.toBeGreaterThan(0);
    s.destroy();
  });

  it('":0" listens on loopback with the real port', async () => {
    const proxy = await toxiproxy.createProxy({ name: 'colon', listen: ':0', upstream: upstream() });
    expect(proxy.listen).toMatch(/^127\.0\.0\.1:[1-9]\d*$/);
  });

  it('GET /proxies and GET /proxies/{name} list what exists', async () => {
    const all = await toxiproxy.getAll();
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['create', 'colon']));
    const one = await toxiproxy.get('create');
    expect(one.upstream).toBe(upstream());
  });

  it('POST /populate creates several, keeps an unchanged one, and answers {proxies: [...]}', async () => {
    const before = await toxiproxy.get('create');
    const proxies = await toxiproxy.populate([
      { name: 'create', listen: before.listen, upstream: upstream() },
      { name: 'pop1', listen: '127.0.0.1:0', upstream: upstream() },
      { name: 'pop2', listen: '127.0.0.1:0', upstream: upstream(), enabled: false },
    ]);
    expect(Object.keys(proxies).sort()).toEqual(['create', 'pop1', 'pop2']);
    expect(proxies.create!.listen).toBe(before.listen);
    expect(proxies.pop2!.enabled).toBe(false);
  });

  it('POST /proxies/{name} disables (connections refused) and re-enables on the same port', async () => {
    const proxy = await toxiproxy.get('pop1');
    const disabled = await proxy.update({ enabled: false, listen: proxy.listen, upstream: proxy.upstream });
    expect(disabled.enabled).toBe(false);
    await expect(connect(portOf(proxy.listen))).rejects.toThrow(/ECONNREFUSED/);
    const enabled = await proxy.update({ enabled: true, listen: proxy.listen, upstream: proxy.upstream });
    expect(enabled.enabled).toBe(true);
    expect(enabled.listen).toBe(proxy.listen);
    const s = await connect(portOf(proxy.listen));
    await expect(roundTrip(s)).resolves.toBeGreaterThan(0);
    s.destroy();
  });

  it('toxics: add, get, update, list, remove', async () => {
    const proxy = await toxiproxy.get('create');
    const toxic = await proxy.addToxic({ type: 'latency', stream: 'downstream', toxicity: 1, name: 'lat', attributes: { latency: 30, jitter: 0 } });
    expect(toxic.toJson()).toEqual({ name: 'lat', type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: 30, jitter: 0 } });
    const got = await proxy.getToxic<{ latency: number; jitter: number }>('lat');
    expect(got.attributes.latency).toBe(30);
    const updated = await got.update({ ...got.toJson(), attributes: { latency: 40, jitter: 0 }, toxicity: 0.5 });
    expect(updated.attributes).toEqual({ latency: 40, jitter: 0 });
    expect(updated.toxicity).toBe(0.5);
    expect((await toxiproxy.get('create')).toJson().name).toBe('create');
    const listed = await ours.toxics('create');
    expect(listed.map((t) => [t.name, t.attributes.latency, t.toxicity])).toEqual([['lat', 40, 0.5]]);
    await updated.remove();
    expect(await ours.toxics('create')).toEqual([]);
  });

  it('a toxic without name gets "<type>_<stream>" and downstream, toxicity 1 by default', async () => {
    const t = await ours.addToxic('create', { type: 'bandwidth', attributes: { rate: 1000 } });
    expect(t).toEqual({ name: 'bandwidth_downstream', type: 'bandwidth', stream: 'downstream', toxicity: 1, attributes: { rate: 1000 } });
    const up = await ours.addToxic('create', { type: 'slicer', stream: 'upstream', attributes: { average_size: 10 } });
    expect(up.name).toBe('slicer_upstream');
    expect(up.attributes).toEqual({ average_size: 10, size_variation: 0, delay: 0 });
    // Toxiproxy lists upstream toxics before downstream ones.
    expect((await ours.getProxy('create')).toxics.map((x) => x.name)).toEqual(['slicer_upstream', 'bandwidth_downstream']);
  });

  it('POST /reset removes every toxic and enables every proxy', async () => {
    await ours.updateProxy('pop1', { enabled: false });
    await toxiproxy.reset();
    const all = await ours.proxies();
    expect(Object.values(all).every((p) => p.enabled)).toBe(true);
    expect(Object.values(all).flatMap((p) => p.toxics)).toEqual([]);
  });

  it('DELETE /proxies/{name} removes the proxy and closes its port', async () => {
    const proxy = await toxiproxy.get('pop2');
    await proxy.remove();
    await expect(ours.getProxy('pop2')).rejects.toMatchObject({ status: 404 });
    await expect(connect(portOf(proxy.listen))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('GET /metrics counts bytes per direction, connections and toxics per proxy', async () => {
    const p = await ours.createProxy({ name: 'metered', listen: '127.0.0.1:0', upstream: upstream() });
    await ours.addToxic('metered', { type: 'latency', attributes: { latency: 1 } });
    const s = await connect(portOf(p.listen));
    await roundTrip(s, 1000);
    const text = await ours.metrics();
    const value = (re: RegExp): number => Number(re.exec(text)?.[1]);
    expect(value(/toxiproxy_proxy_received_bytes_total\{direction="upstream",proxy="metered"[^}]*\} (\d+)/)).toBe(1000);
    expect(value(/toxiproxy_proxy_sent_bytes_total\{direction="downstream",proxy="metered"[^}]*\} (\d+)/)).toBe(1000);
    expect(value(/toxiproxy_proxy_connections_total\{proxy="metered"\} (\d+)/)).toBe(1);
    expect(value(/toxiproxy_proxy_connections_active\{proxy="metered"\} (\d+)/)).toBe(1);
    expect(value(/toxiproxy_proxy_toxics_active\{proxy="metered"\} (\d+)/)).toBe(1);
    s.destroy();
  });
});

describe('errors as Toxiproxy gives them', () => {
  const raw = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: { error: string; status: number } }> => {
    const res = await fetch(server.url + path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: (await res.json()) as { error: string; status: number } };
  };

  it('404 for an unknown proxy and an unknown toxic', async () => {
    expect(await raw('GET', '/proxies/nope')).toEqual({ status: 404, json: { error: 'proxy not found: nope', status: 404 } });
    expect(await raw('GET', '/proxies/create/toxics/nope')).toEqual({ status: 404, json: { error: 'toxic not found: nope', status: 404 } });
    expect((await raw('DELETE', '/proxies/create/toxics/nope')).status).toBe(404);
  });

  it('409 for a duplicate proxy or toxic', async () => {
    expect((await raw('POST', '/proxies', { name: 'create', upstream: upstream() })).json).toEqual({ error: 'proxy already exists: create', status: 409 });
    await ours.addToxic('create', { name: 'dup', type: 'timeout' });
    expect((await raw('POST', '/proxies/create/toxics', { name: 'dup', type: 'timeout' })).json).toEqual({ error: 'toxic already exists: dup', status: 409 });
    await ours.removeToxic('create', 'dup');
  });

  it('400 for a bad stream, an unknown type, bad attributes, a missing field, bad JSON', async () => {
    expect((await raw('POST', '/proxies/create/toxics', { type: 'latency', stream: 'sideways' })).json.error).toBe(
      'stream was invalid, can be either upstream or downstream',
    );
    expect((await raw('POST', '/proxies/create/toxics', { type: 'lag' })).json.error).toMatch(/^invalid toxic type: "lag"/);
    const bad = await raw('POST', '/proxies/create/toxics', { type: 'latency', attributes: { latency: -5 } });
    expect(bad).toEqual({ status: 400, json: { error: expect.stringMatching(/^bad request body: latency attributes: latency: must be >= 0/), status: 400 } });
    expect((await raw('POST', '/proxies/create/toxics', { type: 'latency', attributes: { latencyMs: 5 } })).json.error).toMatch(/Unrecognized key.*latencyMs/);
    expect((await raw('POST', '/proxies/create/toxics', { type: 'slicer', attributes: { average_size: 10, size_variation: 10 } })).json.error).toMatch(/size_variation must be < average_size/);
    expect((await raw('POST', '/proxies/create/toxics', { type: 'latency', toxicity: 2 })).json.error).toMatch(/toxicity must be in \[0, 1\]/);
    expect((await raw('POST', '/proxies', { name: 'x' })).json).toEqual({ error: 'missing required field: upstream', status: 400 });
    const res = await fetch(`${server.url}/proxies`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^bad request body/);
  });

  it('a non-loopback listen address is refused (this proxy is loopback only)', async () => {
    expect((await raw('POST', '/proxies', { name: 'wide', listen: '0.0.0.0:0', upstream: upstream() })).status).toBe(400);
  });

  it('our client turns errors into ToxiproxyApiError with the status and the server text', async () => {
    const err = await ours.getProxy('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToxiproxyApiError);
    expect(err).toMatchObject({ status: 404, serverMessage: 'proxy not found: nope' });
  });
});
