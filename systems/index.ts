/** The public face of systems/: every server builder and the user-service builder. */
export { RedisServer, REDIS_KIND, REDIS_PORT, type StartedRedisServer } from './redis/index.js';
