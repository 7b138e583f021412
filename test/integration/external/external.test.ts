/**
 * The external runtime against real servers: a child process starts them with the local
 * runtime; this process is given only their endpoints (a YAML file, as `--config` would) and
 * runs against them: real clients connect, nothing is started or stopped, process faults say
 * they cannot apply, and a bad endpoint fails with the address it tried.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessTimeoutError, FaultError } from '../../../harness/errors.js';
import { loadExternalConfig, externalEndpoints } from '../../../harness/runtime/external/config.js';
import { processFaultUnsupported } from '../../../harness/runtime/external/handle.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import type { ExternalEndpoint, StartContext } from '../../../harness/runtime/types.js';
import { KafkaServer, PostgresServer, PrometheusServer, RedisServer } from '../../../systems/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface Given {
  redis: string;
  postgres: string;
  prometheus: string;
  kafka: string;
  versions: { redis: string; prometheus: string };
}

/** The endpoints the server process prints as its first JSON line (it fails if the process exits first). */
function reported(child: ResultPromise): Promise<Given> {
  return new Promise<Given>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Given);
    });
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before reporting: ${out}`)));
  });
}

describe('the external runtime against servers started elsewhere', () => {
  let child: ResultPromise;
  let given: Given;
  let dir: string;
  let external: Record<string, ExternalEndpoint>;
  let owner: Owner;
  const ctx = (timeoutMs = 10_000): StartContext => ({ runtime: 'external', owner, ports: {}, deps: {}, deadline: Date.now() + timeoutMs, external });

  beforeAll(async () => {
    child = execa(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/local-servers.ts')], {
      reject: false,
      buffer: false,
      stderr: 'inherit',
    });
    given = await reported(child);
    dir = await mkdtemp(path.join(tmpdir(), 'archtdd-external-'));
    const file = path.join(dir, 'external.yaml');
    await writeFile(
      file,
      stringify({
        runtime: 'external',
        endpoints: {
          redis: { url: given.redis },
          postgres: { url: given.postgres },
          prometheus: { url: given.prometheus },
          kafka: { brokers: given.kafka },
        },
      }),
    );
    external = externalEndpoints(await loadExternalConfig({ file, env: {} }));
    owner = await createOwner();
  });

  afterAll(async () => {
    await owner?.dispose();
    child?.kill('SIGTERM');
    await child;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Redis: a client works through the handle; stop() leaves the server running', async () => {
    const redis = await new RedisServer().start(ctx());
    expect(redis.runtime).toBe('external');
    expect(redis.url).toBe(given.redis);
    expect(redis.process).toBeUndefined();
    const client = new Redis(redis.url, { commandTimeout: 1000, maxRetriesPerRequest: 0, lazyConnect: true });
    await client.connect();
    await client.set('external', 'yes');
    await redis.stop();
    expect(await client.get('external')).toBe('yes');
    client.disconnect();
  });

  it('PostgreSQL: the URL keeps user and database; a proxied URL keeps them too', async () => {
    const db = await new PostgresServer().start(ctx());
    const client = new pg.Client({ connectionString: db.url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    await client.connect();
    expect((await client.query<{ n: number }>('select 40 + 2 as n')).rows[0]!.n).toBe(42);
    await client.end();
    expect(db.urlFor({ host: '127.0.0.1', port: 1 })).toBe(given.postgres.replace(/:\d+\//, ':1/'));
  });

  it('Prometheus: ready, with the version it reports itself', async () => {
    const prom = await new PrometheusServer().withScrapeTargets([{ job: 'svc', targets: [{ host: '127.0.0.1', port: 1 }] }]).start(ctx());
    expect(prom.url).toBe(given.prometheus);
    expect(prom.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(prom.version).toBe(given.versions.prometheus.replace(/[+~].*$/, ''));
    expect(prom.note).toMatch(/scrape targets not applied .*svc/);
  });

  it('Kafka: every given broker is a link endpoint and a kafkajs producer is acked', async () => {
    const bus = await new KafkaServer().start(ctx());
    expect(bus.brokers.join(',')).toBe(given.kafka);
    expect(bus.linkEndpoints).toHaveLength(given.kafka.split(',').length);
    const kafka = new Kafka({ clientId: 'external-test', brokers: [...bus.brokers], logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    const [ack] = await producer.send({ topic: 'external-test', messages: [{ value: 'x' }] });
    expect(ack?.errorCode).toBe(0);
    await producer.disconnect();
  });

  it('process faults cannot apply, and say why', async () => {
    const redis = await new RedisServer().start(ctx());
    const err = processFaultUnsupported(redis, 'kill');
    expect(err).toBeInstanceOf(FaultError);
    expect(err.message).toMatch(/"kill" needs control of redis's process.*external runtime/);
  });

  it('an endpoint where nothing listens fails with the address and the time waited', async () => {
    const bad = { ...external, redis: { url: 'redis://127.0.0.1:1' } };
    const start = new RedisServer().start({ ...ctx(500), external: bad });
    await expect(start).rejects.toBeInstanceOf(ReadinessTimeoutError);
    await expect(start).rejects.toThrow(/redis \(redis, external at 127\.0\.0\.1:1\).*not met after \d+ms/);
  });
});

describe('an environment on the external runtime', () => {
  it('starts nothing and hands out the given endpoints through the core’s startEnvironment', async () => {
    const { startEnvironment } = await import('../../../harness/environment/start.js');
    const child = execa(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/local-servers.ts')], {
      reject: false,
      buffer: false,
      stderr: 'inherit',
    });
    try {
      const given = await reported(child);
      const owner = await createOwner();
      try {
        const env = await startEnvironment(
          { prometheus: new PrometheusServer(), components: [new RedisServer().withName('cache'), new PostgresServer().withName('db')] },
          {
            runtime: 'external',
            owner,
            external: {
              prometheus: { url: given.prometheus },
              cache: { url: given.redis },
              db: { url: given.postgres },
            },
          },
        );
        expect(env.runtime).toBe('external');
        expect(env.url('cache')).toBe(given.redis);
        expect(env.prometheus.urlFor()).toBe(given.prometheus);
        expect(env.links.size).toBe(0);
        for (const c of env.components.values()) expect(c.process).toBeUndefined();
      } finally {
        await owner.dispose();
      }
      // Disposing the external environment stopped nothing: the servers still answer.
      const client = new Redis(given.redis, { commandTimeout: 1000, maxRetriesPerRequest: 0, lazyConnect: true });
      await client.connect();
      expect(await client.ping()).toBe('PONG');
      client.disconnect();
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  });
});
