import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { PostgresServer, type StartedPostgresServer } from '../../../systems/index.js';
import { alive, goneWithin, localContext } from './context.js';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const r = await client.query<{ one: number }>('SELECT 1 AS one');
    return r.rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe('PostgresServer on the local runtime', () => {
  let owner: Owner;
  let server: StartedPostgresServer;

  beforeAll(async () => {
    owner = await createOwner();
    const builder = new PostgresServer().withSetting('max_connections', '20');
    server = await builder.start(await localContext(owner, builder));
  });

  afterAll(async () => {
    await owner?.dispose();
  });

  it('answers SELECT 1 as postgres on the URL it reports', async () => {
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.endpoint.port}/postgres`);
    expect(server.version).toMatch(/^\d+\.\d+/);
    expect(await selectOne(server.url)).toBe(1);
  });

  it('kill + restart: gone, then reachable again on the same endpoint with the same data dir', async () => {
    const c = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    c.on('error', () => undefined);
    await c.connect();
    await c.query('CREATE TABLE survives (v int); INSERT INTO survives VALUES (42)');
    // synchronous_commit=off may lose the last 200 ms of commits on SIGKILL: flush them first.
    await c.query('CHECKPOINT');
    await c.end();

    const before = Number(server.process!.id);
    await server.process!.kill();
    expect(server.process!.running).toBe(false);
    expect(await goneWithin(before, 2000)).toBe(true);
    await expect(selectOne(server.url)).rejects.toThrow();

    await server.process!.restart();
    expect(Number(server.process!.id)).not.toBe(before);
    expect(await selectOne(server.url)).toBe(1);
    const c2 = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2000 });
    c2.on('error', () => undefined);
    await c2.connect();
    const r = await c2.query<{ v: number }>('SELECT v FROM survives');
    await c2.end();
    expect(r.rows.map((x) => x.v)).toEqual([42]);
  });

  it('stop ends the postmaster and dispose removes its temp dir', async () => {
    const pid = Number(server.process!.id);
    expect(await alive(pid)).toBe(true);
    await server.stop();
    expect(await goneWithin(pid, 2000)).toBe(true);
    const dirs = owner.tempDirs;
    await owner.dispose();
    expect(dirs.length).toBeGreaterThan(0);
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
