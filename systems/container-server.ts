/**
 * The steps the server drivers on the containers runtime share: the kind's pinned image, the
 * container started by startInContainer (run network, fixed loopback ports, log, removal by the
 * owner), and the handle over it.
 *
 *   return startServerContainer(c, ctx, {
 *     container: (image) => new RedisContainer(image),
 *     ports: { main: 6379 },
 *     waitStrategy: Wait.forLogMessage(/Ready to accept connections/),
 *   }, { url: (e) => `redis://${e.host}:${e.port}` });
 */
import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import { ContainerServerHandle, type ContainerHandleOptions } from '../harness/runtime/containers/handle.js';
import { imageFor } from '../harness/runtime/containers/images.js';
import { startInContainer, type ContainerStartResult, type ContainerStartSpec } from '../harness/runtime/containers/start.js';
import type { Endpoint, StartContext } from '../harness/runtime/types.js';

type Named = { readonly name: string; readonly kind: string };

/** The handle options a driver gives; the rest comes from the started container. Default endpoint: the "main" port's. */
export type ContainerServerFacts = Omit<ContainerHandleOptions, 'name' | 'kind' | 'version' | 'image' | 'endpoint' | 'control' | 'remove' | 'logFile'> & {
  endpoint?: Endpoint;
};

/** The handle over a container startInContainer started from `image`. */
export function containerHandle(
  c: Named,
  image: string,
  r: ContainerStartResult<StartedTestContainer>,
  facts: ContainerServerFacts,
): ContainerServerHandle {
  return new ContainerServerHandle({
    ...facts,
    name: c.name,
    kind: c.kind,
    version: r.version,
    image,
    endpoint: facts.endpoint ?? r.endpoints.main!,
    control: r.control,
    remove: r.remove,
    logFile: r.logFile,
  });
}

/** The container spec without what comes from the component; the builder is made from the image. */
export type ServerContainerSpec<C extends GenericContainer> = Omit<
  ContainerStartSpec<C, StartedTestContainer>,
  'name' | 'kind' | 'ctx' | 'image' | 'container'
> & { container: (image: string) => C };

/** The kind's pinned image in a container, and the handle over it. */
export async function startServerContainer<C extends GenericContainer>(
  c: Named,
  ctx: StartContext,
  spec: ServerContainerSpec<C>,
  facts: ContainerServerFacts,
): Promise<ContainerServerHandle> {
  const image = imageFor(c.kind);
  const r = await startInContainer({ ...spec, name: c.name, kind: c.kind, ctx, image, container: spec.container(image) });
  return containerHandle(c, image, r, facts);
}

/** `base` (scheme://host:port/path) with a user and password, percent-encoded as URL does. */
export function withCredentials(base: string, username: string, password: string): string {
  const u = new URL(base);
  u.username = username;
  u.password = password;
  return u.href;
}
