/**
 * Redis on the external runtime: the endpoint given in the external config (or env), checked
 * for reachability; nothing started, nothing stopped, no ProcessControl.
 */
import '../../harness/runtime/external/register.js'; // runtime hooks: endpoints from --config / env
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ExternalHandle, givenEndpoint } from '../../harness/runtime/external/handle.js';
import type { StartContext } from '../../harness/runtime/types.js';
import type { RedisServer, StartedRedisServer } from './index.js';

export async function startRedisExternal(c: RedisServer, ctx: StartContext): Promise<StartedRedisServer> {
  const given = givenEndpoint(ctx, c, { scheme: 'redis', defaultPort: 6379 });
  await given.reachable(ctx.deadline);
  return new ExternalHandle({
    name: c.name,
    kind: c.kind,
    version: typeof given.raw.version === 'string' ? given.raw.version : 'external',
    endpoint: given.endpoint,
    url: given.urlFor,
  }) as ExternalHandle & StartedRedisServer;
}

// Registered here (index.ts imports this file for its side effect); the kind is a literal
// because index.ts's constants are not initialised yet while this file runs (import cycle).
registerDriver('redis', 'external', startRedisExternal);
