/**
 * Redis in a container: the official @testcontainers/redis module, with the image pinned in
 * docker-compose.yml, on the run's network (alias = name) and a fixed 127.0.0.1 host port.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { startServerContainer } from '../container-server.js';
import type { RedisServer } from './index.js';
import { REDIS_KIND, REDIS_PORT, type StartedRedisServer } from './types.js';

export async function startRedisContainer(c: RedisServer, ctx: StartContext): Promise<StartedRedisServer> {
  const [{ RedisContainer }, { Wait }] = await Promise.all([import('@testcontainers/redis'), testcontainers()]);
  return startServerContainer(
    c,
    ctx,
    {
      // Same settings as the local runtime: no persistence. The module appends its own args.
      container: (image) => new RedisContainer(image).withCommand(['redis-server', '--save', '', '--appendonly', 'no', ...c.args]),
      ports: { main: REDIS_PORT },
      waitStrategy: Wait.forLogMessage(/Ready to accept connections/),
    },
    { url: (e) => new URL(`redis://${e.host}:${e.port}`).href },
  );
}

registerDriver(REDIS_KIND, 'containers', startRedisContainer);
