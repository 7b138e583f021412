/**
 * Redis in a container: the official @testcontainers/redis module, with the image pinned in
 * docker-compose.yml, on the run's network (alias = name) and a fixed 127.0.0.1 host port.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import { imageFor } from '../../harness/runtime/containers/images.js';
import { ContainerServerHandle } from '../../harness/runtime/containers/handle.js';
import { startInContainer } from '../../harness/runtime/containers/start.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { REDIS_PORT, type RedisServer, type StartedRedisServer } from './index.js';

export async function startRedisContainer(c: RedisServer, ctx: StartContext): Promise<StartedRedisServer> {
  const [{ RedisContainer }, { Wait }] = await Promise.all([import('@testcontainers/redis'), testcontainers()]);
  const image = imageFor(c.kind);
  const r = await startInContainer({
    name: c.name,
    kind: c.kind,
    ctx,
    image,
    // Same settings as the local runtime: no persistence. The module appends its own args.
    container: new RedisContainer(image).withCommand(['redis-server', '--save', '', '--appendonly', 'no', ...c.args]),
    ports: { main: REDIS_PORT },
    waitStrategy: Wait.forLogMessage(/Ready to accept connections/),
  });
  return new ContainerServerHandle({
    name: c.name,
    kind: c.kind,
    version: r.version,
    image,
    endpoint: r.endpoints.main!,
    url: (e) => new URL(`redis://${e.host}:${e.port}`).href,
    control: r.control,
    remove: r.remove,
    logFile: r.logFile,
  }) as ContainerServerHandle & StartedRedisServer;
}

// Registered here (index.ts imports this file for its side effect). The kind is a literal:
// index.ts's constants are not initialised yet while this file runs (import cycle).
registerDriver('redis', 'containers', startRedisContainer);
