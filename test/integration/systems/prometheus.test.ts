import { existsSync } from 'node:fs';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { PrometheusServer, PROMETHEUS_SELF_JOB, type StartedPrometheusServer } from '../../../systems/index.js';
import { alive, goneWithin, localContext } from './context.js';

interface QueryResult {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

async function query(base: string, promql: string): Promise<QueryResult> {
  const r = await request(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
  return (await r.body.json()) as QueryResult;
}

describe('PrometheusServer on the local runtime', () => {
  let owner: Owner;
  let prom: StartedPrometheusServer;

  beforeAll(async () => {
    owner = await createOwner();
    const builder = new PrometheusServer().withScrapeInterval(1);
    prom = await builder.start(await localContext(owner, builder));
  });

  afterAll(async () => {
    await owner?.dispose();
  });

  it('is ready on /-/ready and reports its url without a trailing slash', async () => {
    expect(prom.url).toBe(`http://127.0.0.1:${prom.endpoint.port}`);
    expect(prom.version).toMatch(/^2\.\d+\.\d+$/);
    const r = await request(`${prom.url}/-/ready`);
    await r.body.text();
    expect(r.statusCode).toBe(200);
  });

  it('scrapes itself: `up` has a sample of 1 for its own target', async () => {
    // The first scrape takes ~5 s (target updates are throttled): poll up to 15 s.
    let up: QueryResult['data']['result'] = [];
    const end = Date.now() + 15_000;
    while (Date.now() < end && up.length === 0) {
      up = (await query(prom.url, `up{job="${PROMETHEUS_SELF_JOB}"}`)).data.result;
      if (up.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(up).toHaveLength(1);
    expect(up[0]!.metric.instance).toBe(`127.0.0.1:${prom.endpoint.port}`);
    expect(up[0]!.value[1]).toBe('1');
  });

  it('stop ends the process and dispose removes its temp dir', async () => {
    const pid = Number(prom.process!.id);
    expect(await alive(pid)).toBe(true);
    await prom.stop();
    expect(await goneWithin(pid, 5000)).toBe(true);
    const dirs = owner.tempDirs;
    await owner.dispose();
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
