import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentStartError } from '../../../harness/errors.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import type { DependencyView } from '../../../harness/runtime/types.js';
import { RedisServer, Service, type StartedRedisServer, type StartedService } from '../../../systems/index.js';
import { goneWithin, localContext } from './context.js';

const TINY = fileURLToPath(new URL('./fixtures/tiny-service.mjs', import.meta.url));

function tiny(name = 'tiny') {
  return Service.command(name, [process.execPath, TINY])
    .withPorts('http', 'admin')
    .dependsOn('redis')
    .withEnv(({ deps, ports }) => ({ REDIS_URL: deps.redis!.url, PORT: String(ports.http), ADMIN_PORT: String(ports.admin) }))
    .withHealthCheck({ port: 'http', path: '/healthz' })
    .withMetrics({ port: 'http', path: '/metrics' })
    .withStartupTimeout(10_000);
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const r = await request(url, { reset: true });
  return (await r.body.json()) as Record<string, unknown>;
}

describe('Service builder on the local runtime', () => {
  let owner: Owner;
  let redis: StartedRedisServer;
  let deps: Record<string, DependencyView>;

  beforeAll(async () => {
    owner = await createOwner();
    const r = new RedisServer();
    redis = await r.start(await localContext(owner, r));
    deps = { redis: { name: 'redis', kind: redis.kind, endpoint: redis.endpoint, url: redis.url } };
  });

  afterAll(async () => {
    await owner?.dispose();
  });

  it('declares ports, dependencies and metrics before start', () => {
    const s = tiny();
    expect(s.portNames).toEqual(['http', 'admin']);
    expect([...s.dependsOn]).toEqual(['redis']);
    expect(s.dependsOn.every((d) => d === 'redis')).toBe(true);
    expect(s.metricsPaths).toEqual([{ port: 'http', path: '/metrics' }]);
  });

  it('starts with the env filled from deps and ports, answers health and metrics, restarts on the same port', async () => {
    const s = tiny();
    const svc: StartedService = await s.start(await localContext(owner, s, deps));
    const env = await getJson(`${svc.url}/env`);
    expect(env.REDIS_URL).toBe(redis.url);
    expect(env.PORT).toBe(String(svc.endpoint.port));
    expect(env.ADMIN_PORT).toBe(String(svc.endpoints.admin!.port));
    expect(svc.metrics).toEqual([{ endpoint: svc.endpoints.http, path: '/metrics' }]);
    const metrics = await (await request(`${svc.url}/metrics`, { reset: true })).body.text();
    expect(metrics).toMatch(/^tiny_hits_total \d+$/m);

    const first = Number(svc.process!.id);
    expect(env.pid).toBe(first);
    await svc.process!.kill();
    expect(await goneWithin(first, 2000)).toBe(true);
    await svc.process!.restart();
    const again = await getJson(`${svc.url}/env`);
    expect(again.pid).not.toBe(first);
    expect(again.PORT).toBe(String(svc.endpoint.port));

    const second = Number(svc.process!.id);
    await svc.stop();
    expect(await goneWithin(second, 2000)).toBe(true);
  });

  it('a service that exits before its health check passes fails with its log lines', async () => {
    const s = tiny('doomed').withEnv({ FAIL_AT_START: '1' });
    const err = await s.start(await localContext(owner, s, deps)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnvironmentStartError);
    expect((err as Error).message).toMatch(/doomed exited \(code 3/);
    expect((err as Error).message).toContain('refusing to start (FAIL_AT_START=1)');
  });

  it('lists every declaration problem at once and refuses to start with them', async () => {
    const s = Service.command('bad', ['node'])
      .withPorts('http')
      .dependsOn('bad')
      .withHealthCheck({ port: 'admin', path: '/healthz' })
      .withMetrics({ port: 'metrics' })
      .withStartupTimeout(0);
    expect(s.validate().map((i) => i.path)).toEqual([
      'service "bad".healthCheck.port',
      'service "bad".metrics.port',
      'service "bad".startupTimeoutMs',
      'service "bad".dependsOn',
    ]);
    await expect(s.start(await localContext(owner, s))).rejects.toThrow(/4 configuration problems/);
  });

  it('a withEnv function that reads an undeclared dependency fails with what it was given', async () => {
    const s = Service.command('needs-db', [process.execPath, TINY])
      .withPorts('http')
      .withEnv(({ deps }) => ({ DATABASE_URL: deps.postgres!.url }));
    await expect(s.start(await localContext(owner, s, deps))).rejects.toThrow(/withEnv function failed: .*\(deps given: redis; ports: http\)/);
  });

  it('on the external runtime starts nothing and takes the given URL', async () => {
    const s = tiny('remote');
    const svc = await s.start({
      runtime: 'external',
      owner,
      ports: {},
      deps: {},
      deadline: Date.now() + 1000,
      external: { remote: { url: 'http://127.0.0.1:18080' } },
    });
    expect(svc.endpoint).toEqual({ host: '127.0.0.1', port: 18080 });
    expect(svc.urlFor()).toBe('http://127.0.0.1:18080');
    expect(svc.process).toBeUndefined();
    await expect(
      s.start({ runtime: 'external', owner, ports: {}, deps: {}, deadline: Date.now() + 1000 }),
    ).rejects.toThrow(/given no URL/);
  });
});
