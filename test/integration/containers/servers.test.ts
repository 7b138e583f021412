/**
 * Each server module in a container with a real client (Redis has its own file with the
 * process faults). Prometheus runs in the host network and must scrape a HOST process bound
 * to 127.0.0.1, as services and the load generator are.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { containerClient } from '../../../harness/runtime/containers/client.js';
import { imageFor } from '../../../harness/runtime/containers/images.js';
import { imagePresent } from '../../../harness/runtime/containers/images-present.js';
import { KafkaServer, MariaDbServer, PostgresServer, PrometheusServer } from '../../../systems/index.js';
import { containersContext, dockerAvailable } from './helpers.js';

async function containerGone(id: string): Promise<boolean> {
  const docker = (await containerClient()).container.dockerode;
  return docker
    .getContainer(id)
    .inspect()
    .then(
      () => false,
      (e: unknown) => /no such container|404/i.test(String(e)),
    );
}

describe.skipIf(!dockerAvailable)('server modules on the containers runtime', () => {
  let owner: Owner;
  beforeAll(async () => {
    owner = await createOwner();
  });
  afterAll(async () => {
    await owner?.dispose();
  });

  it('PostgreSQL: a pg client runs SQL as the non-root server; restart keeps port and data; stop removes the container', async () => {
    const server = new PostgresServer().withName('db');
    const db = await server.start(await containersContext(owner, server));
    expect(db.runtime).toBe('containers');
    expect(db.url).toMatch(new RegExp(`^postgres://postgres:[^@]+@127\\.0\\.0\\.1:${db.endpoint.port}/postgres$`));
    const client = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    await client.connect();
    const r = await client.query<{ user: string; fsync: string; n: number }>(
      "select current_user as user, current_setting('fsync') as fsync, 1 + 1 as n",
    );
    expect(r.rows[0]).toEqual({ user: 'postgres', fsync: 'off', n: 2 });
    await client.end();
    const docker = (await containerClient()).container.dockerode;
    // The image's user; PostgreSQL itself refuses to run as root, so answering SQL proves it too.
    const info = await docker.getContainer(db.process!.id).inspect();
    expect(info.Config.User).toBe('postgres');

    // restart = container stop + start: same port, data kept (the container's own layer).
    const before = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: 3000 });
    before.on('error', () => undefined);
    await before.connect();
    await before.query('create table kept (v int); insert into kept values (7); checkpoint');
    await before.end();
    await db.process!.restart();
    const after = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: 3000 });
    after.on('error', () => undefined);
    await after.connect();
    expect((await after.query<{ v: number }>('select v from kept')).rows).toEqual([{ v: 7 }]);
    await after.end();
    await db.stop();
    expect(await containerGone(db.process!.id)).toBe(true);
  });

  it('MariaDB: a mysql2 client connects as root with the password in the URL', async () => {
    const server = new MariaDbServer().withName('maria');
    const db = await server.start(await containersContext(owner, server));
    const conn = await mysql.createConnection({ uri: db.url, connectTimeout: 3000 });
    const [rows] = await conn.query('select current_user() as u, 6 * 7 as n');
    expect(rows).toEqual([{ u: 'root@%', n: 42 }]);
    await conn.end();
    expect(db.version).toMatch(/^10\.11/);
    await db.stop();
    expect(await containerGone(db.process!.id)).toBe(true);
  });

  it('Prometheus: in the host network it scrapes a process bound to 127.0.0.1 on the host', async () => {
    const metrics: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/plain; version=0.0.4');
      res.end('archtdd_containers_probe 1\n');
    });
    await new Promise<void>((r) => metrics.listen(0, '127.0.0.1', r));
    const port = (metrics.address() as AddressInfo).port;
    try {
      const server = new PrometheusServer()
        .withName('prom')
        .withScrapeInterval(1)
        .withScrapeTargets([{ job: 'hostproc', targets: [{ host: '127.0.0.1', port }] }]);
      const prom = await server.start(await containersContext(owner, server));
      expect(prom.url).toBe(`http://127.0.0.1:${prom.endpoint.port}`);
      let value: string | undefined;
      const until = Date.now() + 20_000;
      while (Date.now() < until && value === undefined) {
        const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent('archtdd_containers_probe{job="hostproc"}')}`);
        const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
        value = body.data.result[0]?.value[1];
        if (value === undefined) await new Promise((r) => setTimeout(r, 250));
      }
      expect(value).toBe('1');
      await prom.stop();
      expect(await containerGone(prom.process!.id)).toBe(true);
    } finally {
      metrics.close();
    }
  });

  it('Kafka: without its image it runs the local mock and says so in the note', async () => {
    const client = await containerClient();
    const present = await imagePresent(client, imageFor('kafka'));
    const server = new KafkaServer().withName('bus');
    const kafka = await server.start(await containersContext(owner, server));
    if (present) {
      expect(kafka.runtime).toBe('containers');
    } else {
      expect(kafka.runtime).toBe('local');
      expect(kafka.note).toMatch(/^local mock \(no image\)/);
      expect(kafka.note).toContain(imageFor('kafka'));
    }
    expect(kafka.brokers.length).toBeGreaterThan(0);
    await kafka.stop();
  });
});
