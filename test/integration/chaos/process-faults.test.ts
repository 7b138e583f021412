/**
 * Process faults on a real redis-server (systems/ RedisServer on the local runtime, by pid):
 * pause makes ioredis calls with commandTimeout time out and resume makes them succeed; kill and
 * stop are observed as gone and rolled back by a restart on the same endpoint.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fault } from '../../../chaos/faults/index.js';
import { probes } from '../../../chaos/probes.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { readStat } from '../../../harness/process/procfs.js';
import { RedisServer, type StartedRedisServer } from '../../../systems/index.js';
import { localContext } from '../systems/context.js';

describe('process faults on a real Redis', () => {
  let owner: Owner;
  let redis: StartedRedisServer;
  let client: Redis;
  const target = () => ({ name: redis.name, process: redis.process!, endpoint: redis.endpoint, probe: probes.redis! });

  beforeAll(async () => {
    owner = await createOwner();
    const server = new RedisServer().withName('chaos-redis');
    redis = await server.start(await localContext(owner, server));
    client = new Redis(redis.url, { commandTimeout: 300, maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    client.on('error', () => undefined);
    await client.connect();
  });
  afterAll(async () => {
    client?.disconnect();
    await owner?.dispose();
  });

  it('pause: calls time out, the pause is observed; resume on dispose: calls succeed', async () => {
    const pid = Number(redis.process!.id);
    {
      await using f = await Fault.pause().apply(target());
      await expect(client.ping()).rejects.toThrow(/timed out/i);
      const o = await f.observe();
      expect(o.observed).toBe(true);
      expect(o.observation).toMatch(new RegExp(`pid ${pid} state T; a probe got no answer`));
    }
    expect((await readStat(pid))?.state).not.toBe('T');
    await expect(client.set('after-pause', '1')).resolves.toBe('OK');
  });

  it('a resumed process is not observed as paused (the check can fail)', async () => {
    const f = await Fault.pause().apply(target());
    await f.remove();
    const o = await f.observe();
    expect(o.observed).toBe(false);
    expect(o.observation).toMatch(/answered/);
  });

  it('kill: observed gone (pid dead, port refused); dispose restarts it on the same endpoint', async () => {
    const before = redis.process!.id;
    {
      await using f = await Fault.kill().apply(target());
      const o = await f.observe();
      expect(o.observed).toBe(true);
      expect(o.observation).toMatch(/running=false; pid \d+ is gone; 127\.0\.0\.1:\d+ refused/);
    }
    expect(redis.process!.running).toBe(true);
    expect(redis.process!.id).not.toBe(before);
    await expect(probes.redis!(redis.endpoint, 2000)).resolves.toBeGreaterThan(0);
    const fresh = new Redis(redis.url, { commandTimeout: 1000, maxRetriesPerRequest: 0, lazyConnect: true });
    await fresh.connect();
    await expect(fresh.ping()).resolves.toBe('PONG');
    fresh.disconnect();
  });

  it('stopStart: graceful stop observed, started again on dispose', async () => {
    const f = await Fault.stopStart().apply(target());
    expect((await f.observe()).observed).toBe(true);
    await f[Symbol.asyncDispose]();
    await expect(probes.redis!(redis.endpoint, 2000)).resolves.toBeGreaterThan(0);
    expect(f.record()).toMatchObject({ kind: 'stop_start', target: 'chaos-redis', observed: true });
  });
});
