import { existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { MariaDbServer, type StartedMariaDbServer } from '../../../systems/index.js';
import { alive, goneWithin, localContext } from './context.js';

describe('MariaDbServer on the local runtime', () => {
  let owner: Owner;
  let server: StartedMariaDbServer;

  beforeAll(async () => {
    owner = await createOwner();
    const builder = new MariaDbServer();
    server = await builder.start(await localContext(owner, builder));
  });

  afterAll(async () => {
    await owner?.dispose();
  });

  it('answers SELECT 1 as root on the URL it reports', async () => {
    expect(server.url).toBe(`mysql://root@127.0.0.1:${server.endpoint.port}/`);
    expect(server.version).toMatch(/^\d+\.\d+\.\d+$/);
    const conn = await mysql.createConnection({ uri: server.url, connectTimeout: 2000 });
    try {
      const [rows] = await conn.query('SELECT 1 AS one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await conn.end();
    }
  });

  it('stop ends mariadbd and dispose removes its temp dir', async () => {
    const pid = Number(server.process!.id);
    expect(await alive(pid)).toBe(true);
    await server.stop();
    expect(await goneWithin(pid, 5000)).toBe(true);
    const dirs = owner.tempDirs;
    await owner.dispose();
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
