import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { containerClient } from '../../../harness/runtime/containers/client.js';
import { LABEL_OWNER_PID, LABEL_RUN } from '../../../harness/runtime/containers/labels.js';
import { RedisServer, type StartedRedisServer } from '../../../systems/index.js';
import { containersContext, dockerAvailable } from './helpers.js';

describe.skipIf(!dockerAvailable)('RedisServer on the containers runtime', () => {
  let owner: Owner;
  let redis: StartedRedisServer;
  let client: Redis;

  beforeAll(async () => {
    owner = await createOwner();
    const server = new RedisServer().withName('cache');
    redis = await server.start(await containersContext(owner, server));
    client = new Redis(redis.url, { commandTimeout: 500, maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    await client.connect();
  });

  afterAll(async () => {
    client?.disconnect();
    await owner?.dispose();
  });

  it('answers on the fixed 127.0.0.1 port it was given, with the image version', async () => {
    expect(redis.runtime).toBe('containers');
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.endpoint.port}`);
    expect(redis.version).toMatch(/^\d+\.\d+(\.\d+)?$/);
    expect(await client.ping()).toBe('PONG');
    await client.set('k', 'v1');
    expect(await client.get('k')).toBe('v1');
  });

  it('is labelled with the run and the owner pid, and published on loopback only', async () => {
    const docker = (await containerClient()).container.dockerode;
    const info = await docker.getContainer(redis.process!.id).inspect();
    expect(info.Config.Labels[LABEL_RUN]).toBe(owner.runId);
    expect(info.Config.Labels[LABEL_OWNER_PID]).toBe(String(process.pid));
    const bindings = Object.values(info.HostConfig.PortBindings ?? {}).flat() as { HostIp: string; HostPort: string }[];
    expect(bindings).toEqual([{ HostIp: '127.0.0.1', HostPort: String(redis.endpoint.port) }]);
  });

  it('pause makes commands time out; resume makes them work again', async () => {
    await redis.process!.pause();
    await expect(client.ping()).rejects.toThrow(/timed out/i);
    await redis.process!.resume();
    await expect(client.set('k2', 'v2')).resolves.toBe('OK');
  });

  it('restart comes back on the same port', async () => {
    const port = redis.endpoint.port;
    client.disconnect(); // else it reconnects noisily while the server is down
    await redis.process!.restart();
    expect(redis.process!.running).toBe(true);
    const again = new Redis(`redis://127.0.0.1:${port}`, { commandTimeout: 1000, maxRetriesPerRequest: 0, lazyConnect: true });
    await again.connect();
    expect(await again.ping()).toBe('PONG');
    again.disconnect();
  });

  it('kill stops it; stop removes the container', async () => {
    const id = redis.process!.id;
    await redis.process!.kill();
    expect(redis.process!.running).toBe(false);
    await redis.stop();
    const docker = (await containerClient()).container.dockerode;
    await expect(docker.getContainer(id).inspect()).rejects.toThrow(/no such container|404/i);
  });
});
