import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { RedisServer, type StartedRedisServer } from '../../../systems/index.js';
import { alive, goneWithin, localContext } from './context.js';

describe('RedisServer on the local runtime', () => {
  let owner: Owner;
  let redis: StartedRedisServer;
  let client: Redis;

  beforeAll(async () => {
    owner = await createOwner();
    const server = new RedisServer().withName('cache');
    redis = await server.start(await localContext(owner, server));
    client = new Redis(redis.url, { commandTimeout: 500, maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    await client.connect();
  });

  afterAll(async () => {
    client?.disconnect();
    await owner?.dispose();
  });

  it('answers PING, SET and GET on the URL it reports, with the version from the binary', async () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.endpoint.port}`);
    expect(redis.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(await client.ping()).toBe('PONG');
    await client.set('k', 'v1');
    expect(await client.get('k')).toBe('v1');
    expect(redis.logFile).toMatch(/cache\.log$/);
    expect(existsSync(redis.logFile!)).toBe(true);
  });

  it('pause makes commands time out; resume makes them work again', async () => {
    await redis.process!.pause();
    await expect(client.ping()).rejects.toThrow(/timed out/i);
    await redis.process!.resume();
    // A reply delayed by the pause may still be in flight: the next command must succeed.
    await expect(client.set('k2', 'v2')).resolves.toBe('OK');
    expect(await client.get('k2')).toBe('v2');
  });

  it('stop ends the process and dispose removes its temp dir', async () => {
    const pid = Number(redis.process!.id);
    expect(await alive(pid)).toBe(true);
    client.disconnect();
    await redis.stop();
    expect(await goneWithin(pid, 2000)).toBe(true);
    const dirs = owner.tempDirs;
    expect(dirs.length).toBeGreaterThan(0);
    await owner.dispose();
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });
});
