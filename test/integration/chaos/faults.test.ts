/**
 * Link faults through the LinkProvider (embedded proxy) against a real echo server: each one is
 * observed to take effect, and its handle rolls back on dispose, including via `await using`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLinkProvider, type ChaosLinkProvider } from '../../../chaos/link-provider.js';
import { createLink, type Link } from '../../../chaos/links.js';
import { echoProbe } from '../../../chaos/probes.js';
import { createFault, Fault } from '../../../chaos/faults/index.js';
import { parseFaultOverride } from '../../../harness/scenario/overrides.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { FaultError } from '../../../harness/errors.js';
import { connect, median, roundTrip, startEcho, type EchoServer } from './helpers.js';

let owner: Owner;
let provider: ChaosLinkProvider;
let echo: EchoServer;
let link: Link;

beforeAll(async () => {
  owner = await createOwner();
  delete process.env.TOXIPROXY_URL;
  provider = await createLinkProvider({ owner, port: 0, seed: 3 });
  echo = await startEcho();
  link = await createLink({ client: provider.client, name: 'app->echo', upstream: { host: '127.0.0.1', port: echo.port }, probe: echoProbe });
});
afterAll(async () => {
  await provider?.[Symbol.asyncDispose]();
  await echo?.close();
  await owner?.dispose();
});
beforeEach(async () => {
  await link.reset();
});

async function rttThroughLink(n = 5): Promise<number> {
  const s = await connect(link.listen.port);
  const v: number[] = [];
  for (let i = 0; i < n; i++) v.push(await roundTrip(s));
  s.destroy();
  return median(v);
}

describe('link faults', () => {
  it('latency: observed by the probe, rolled back by `await using`', async () => {
    {
      await using f = await Fault.latency({ latencyMs: 40 }).apply(link);
      const o = await f.observe();
      expect(o.observed).toBe(true);
      expect(o.observation).toMatch(/^5 probes through "app->echo": median added \d+\.\d ms over a \d+\.\d+ ms baseline, 5\/5 at least 20\.0 ms$/);
      expect(await rttThroughLink()).toBeGreaterThanOrEqual(39);
      expect(await link.toxics()).toHaveLength(1);
    }
    expect(await link.toxics()).toEqual([]);
    expect(await rttThroughLink()).toBeLessThan(20);
  });

  it('latency that someone removed behind its back is reported as not observed', async () => {
    const f = await Fault.latency({ latencyMs: 40 }).apply(link);
    await provider.client.reset();
    const o = await f.observe();
    expect(o.observed).toBe(false);
    await f.remove(); // already gone: rollback still succeeds
    expect(f.record()).toMatchObject({ kind: 'latency', target: 'app->echo', observed: false, params: { latencyMs: 40, stream: 'downstream', toxicity: 1 } });
  });

  it('down: connections refused while applied, accepted after dispose', async () => {
    const f = await Fault.down().apply(link);
    const o = await f.observe();
    expect(o).toMatchObject({ observed: true });
    expect(o.observation).toMatch(/refused/);
    await expect(connect(link.listen.port)).rejects.toThrow(/ECONNREFUSED/);
    await f[Symbol.asyncDispose]();
    expect(await rttThroughLink()).toBeGreaterThan(0);
    const r = f.record('f1');
    expect(r).toMatchObject({ id: 'f1', kind: 'down', observed: true });
    expect(r.removedAt!).toBeGreaterThanOrEqual(r.appliedAt!);
  });

  it('timeout and reset_peer: the probe fails as expected', async () => {
    {
      await using t = await Fault.timeout({ timeoutMs: 200 }).apply(link);
      const o = await t.observe();
      expect(o.observed).toBe(true);
      expect(o.observation).toMatch(/closed|timeout/);
    }
    {
      await using r = await Fault.resetPeer().apply(link);
      const o = await r.observe();
      expect(o.observed).toBe(true);
      expect(o.observation).toMatch(/reset/);
    }
    expect(await link.toxics()).toEqual([]);
  });

  it('bandwidth, slow_close, slicer, limit_data: applied with stream and toxicity, checked through the API, rolled back', async () => {
    const faults = [
      Fault.bandwidth({ rateKBps: 100, stream: 'upstream' }),
      Fault.slowClose({ delayMs: 100 }),
      Fault.slicer({ averageSize: 8, sizeVariation: 2, delayUs: 10 }),
      Fault.limitData({ bytes: 1_000_000, toxicity: 0.5 }),
    ];
    const applied = [];
    for (const f of faults) applied.push(await f.apply(link));
    const toxics = await link.toxics();
    expect(toxics.map((t) => [t.type, t.stream, t.toxicity])).toEqual([
      ['bandwidth', 'upstream', 1],
      ['slow_close', 'downstream', 1],
      ['slicer', 'downstream', 1],
      ['limit_data', 'downstream', 0.5],
    ]);
    for (const a of applied) expect((await a.observe()).observed).toBe(true);
    for (const a of applied.reverse()) await a.remove();
    expect(await link.toxics()).toEqual([]);
  });

  it('limit_data 0 closes the probe connection: observed by the probe', async () => {
    await using f = await Fault.limitData({ bytes: 0 }).apply(link);
    expect((await f.observe()).observed).toBe(true);
  });

  it('describe() is one line with the parameters', () => {
    expect(Fault.latency({ latencyMs: 200, jitterMs: 20, stream: 'upstream', toxicity: 0.25 }).describe()).toBe(
      'latency +200 ms ± 20 ms on upstream, 25% of connections',
    );
    expect(Fault.pause().describe()).not.toContain('\n');
  });

  it('a --fault override builds the same fault', async () => {
    const o = parseFaultOverride('latency.latencyMs=30,stream=upstream');
    await using f = await createFault(o.kind, o.params).apply(link);
    expect(await link.toxics()).toEqual([expect.objectContaining({ type: 'latency', stream: 'upstream', attributes: { latency: 30, jitter: 0 } })]);
    expect((await f.observe()).observed).toBe(true);
  });

  it('a link fault on something that is not a link is a FaultError that says what fits', async () => {
    await expect(Fault.latency({ latencyMs: 1 }).apply({ name: 'redis' })).rejects.toThrow(FaultError);
    await expect(Fault.pause().apply(link)).rejects.toThrow(/needs process control/);
  });

  it('resetAll() removes every toxic and brings every link up', async () => {
    const l2 = await provider.createLink('app->echo2', { host: '127.0.0.1', port: echo.port });
    await Fault.down().apply(l2);
    await Fault.latency({ latencyMs: 5 }).apply(l2);
    await provider.resetAll();
    const info = await l2.info();
    expect(info).toMatchObject({ enabled: true, toxics: [] });
  });
});
