/**
 * Redis on the external runtime: the endpoint given in the external config (or env), checked
 * for reachability; nothing started, nothing stopped, no ProcessControl.
 */
import '../../harness/runtime/external/register.js'; // runtime hooks: endpoints from --config / env
import { registerDriver } from '../../harness/runtime/drivers.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { startExternal } from '../external-server.js';
import type { RedisServer } from './index.js';
import { REDIS_KIND, type StartedRedisServer } from './types.js';

export function startRedisExternal(c: RedisServer, ctx: StartContext): Promise<StartedRedisServer> {
  return startExternal(c, ctx, { scheme: 'redis', defaultPort: 6379 });
}

registerDriver(REDIS_KIND, 'external', startRedisExternal);
