/**
 * Two runs at once on one container runtime: each gets its own network, its own ports and its
 * own labels; ending one removes exactly its containers and network.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { containerClient } from '../../../harness/runtime/containers/client.js';
import { LABEL_RUN } from '../../../harness/runtime/containers/labels.js';
import { containersSession } from '../../../harness/runtime/containers/session.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import type { StartedComponent } from '../../../harness/runtime/types.js';
import { PostgresServer, RedisServer } from '../../../systems/index.js';
import { containersContext, dockerAvailable } from './helpers.js';

async function startRun(owner: Owner): Promise<StartedComponent[]> {
  // Same component names in both runs: aliases and container names must not collide.
  const redis = new RedisServer().withName('cache');
  const pg = new PostgresServer().withName('db');
  return Promise.all([redis.start(await containersContext(owner, redis)), pg.start(await containersContext(owner, pg))]);
}

async function ping(url: string): Promise<string> {
  const c = new Redis(url, { commandTimeout: 1000, maxRetriesPerRequest: 0, lazyConnect: true });
  try {
    await c.connect();
    return await c.ping();
  } finally {
    c.disconnect();
  }
}

describe.skipIf(!dockerAvailable)('two runs in parallel on the containers runtime', () => {
  const owners: Owner[] = [];
  afterAll(async () => {
    for (const o of owners) await o.dispose();
  });

  it('do not collide, and disposing one leaves the other running', async () => {
    const [a, b] = await Promise.all([createOwner(), createOwner()]);
    owners.push(a!, b!);
    const [runA, runB] = await Promise.all([startRun(a!), startRun(b!)]);
    const ports = [...runA!, ...runB!].map((s) => s.endpoint.port);
    expect(new Set(ports).size).toBe(4);
    const [netA, netB] = await Promise.all([containersSession({ owner: a! }), containersSession({ owner: b! })]);
    expect(netA.network.getName()).not.toBe(netB.network.getName());
    expect(await ping(runA![0]!.urlFor())).toBe('PONG');
    expect(await ping(runB![0]!.urlFor())).toBe('PONG');

    const docker = (await containerClient()).container.dockerode;
    const labelled = async (runId: string) =>
      (await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${runId}`] } })).map((c) => c.Id).sort();
    expect(await labelled(a!.runId)).toEqual(runA!.map((s) => s.process!.id).sort());
    expect(await labelled(b!.runId)).toEqual(runB!.map((s) => s.process!.id).sort());

    await a!.dispose();
    expect(await labelled(a!.runId)).toEqual([]);
    await expect(docker.getNetwork(netA.network.getName()).inspect()).rejects.toThrow(/no such network|not found|404/i);
    expect(await labelled(b!.runId)).toHaveLength(2);
    expect(await ping(runB![0]!.urlFor())).toBe('PONG');
  });
});
