/**
 * A killed and restarted PostgreSQL, reached through a link (proxy) as services reach it:
 * while killed the fault is observed and queries fail; after rollback (restart) the same
 * link endpoint answers again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToxiproxyClient } from '../../../chaos/client.js';
import { Fault } from '../../../chaos/faults/index.js';
import { createLink, type Link } from '../../../chaos/links.js';
import { probes } from '../../../chaos/probes.js';
import { startProxyServer, type StartedProxyServer } from '../../../chaos/proxy/server.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { PostgresServer, type StartedPostgresServer } from '../../../systems/index.js';
import { localContext } from '../systems/context.js';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, query_timeout: 2000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('kill and restart PostgreSQL behind a link', () => {
  let owner: Owner;
  let postgres: StartedPostgresServer;
  let proxy: StartedProxyServer;
  let link: Link;
  let viaLink: string;

  beforeAll(async () => {
    owner = await createOwner();
    const builder = new PostgresServer();
    postgres = await builder.start(await localContext(owner, builder));
    proxy = await startProxyServer({ seed: 2 });
    link = await createLink({ client: new ToxiproxyClient(proxy.url), name: 'catalog->postgres', upstream: postgres.endpoint, probe: probes.postgres! });
    viaLink = postgres.urlFor(link.listen);
  });
  afterAll(async () => {
    await proxy?.close();
    await owner?.dispose();
  });

  it('queries through the link fail while killed and succeed after the restart', async () => {
    expect(viaLink).toBe(`postgres://postgres@127.0.0.1:${link.listen.port}/postgres`);
    expect(await selectOne(viaLink)).toBe(1);
    {
      await using f = await Fault.kill().apply(postgres);
      const o = await f.observe();
      expect(o.observed).toBe(true);
      expect(o.observation).toMatch(/running=false; pid \d+ is gone; 127\.0\.0\.1:\d+ refused/);
      await expect(selectOne(viaLink)).rejects.toThrow();
      // The link's probe passes the proxy and fails at the dead upstream.
      await expect(probes.postgres!(link.listen, 1000)).rejects.toMatchObject({ reason: 'closed' });
    }
    expect(await selectOne(viaLink)).toBe(1);
  });
});
