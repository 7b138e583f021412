/**
 * Redis server module: builder (stores state only) + driver registration.
 *
 *   const redis = await new RedisServer().withName('cache').start(ctx);
 *   redis.url // redis://127.0.0.1:41234
 */
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ServerWithArgs } from '../server-base.js';
import { startRedisLocal } from './local.js';
import { REDIS_KIND, type StartedRedisServer } from './types.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export { REDIS_KIND, REDIS_PORT, type StartedRedisServer } from './types.js';

/** Redis; withArgs adds `redis-server` arguments, e.g. withArgs('--maxmemory', '64mb'). */
export class RedisServer extends ServerWithArgs<StartedRedisServer> {
  readonly kind = REDIS_KIND;
  name = 'redis';
}

registerDriver(REDIS_KIND, 'local', startRedisLocal);
