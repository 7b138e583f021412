/**
 * The driver steps for a server the external runtime is given as one URL or host and port:
 * the endpoint from the external config (or env), checked for reachability; nothing started,
 * nothing stopped, no ProcessControl.
 *
 *   export const startRedisExternal = (c: RedisServer, ctx: StartContext) =>
 *     startExternal(c, ctx, { scheme: 'redis', defaultPort: 6379 });
 */
import { ExternalHandle, givenEndpoint } from '../harness/runtime/external/handle.js';
import type { StartContext } from '../harness/runtime/types.js';

/** The version the external config gives for a component, else "external". */
export function givenVersion(given: Readonly<Record<string, unknown>> | undefined): string {
  return typeof given?.version === 'string' ? given.version : 'external';
}

export async function startExternal(
  c: { readonly name: string; readonly kind: string },
  ctx: StartContext,
  o: { scheme: string; defaultPort: number },
): Promise<ExternalHandle> {
  const given = givenEndpoint(ctx, c, o);
  await given.reachable(ctx.deadline);
  return new ExternalHandle({
    name: c.name,
    kind: c.kind,
    version: givenVersion(given.raw),
    endpoint: given.endpoint,
    url: given.urlFor,
  });
}
