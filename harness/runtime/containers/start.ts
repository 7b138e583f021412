/**
 * Starting one server in a container, the same way for every kind: the run's labels, the run's
 * network with the component's name as alias, FIXED host ports on 127.0.0.1 (the ones the
 * harness chose, so a restart cannot remap them and nothing listens beyond loopback), the log
 * in the run folder, the deadline as startup timeout, removal registered with the owner.
 *
 *   const r = await startInContainer({
 *     name: 'cache', kind: 'redis', ctx, image,
 *     container: new RedisContainer(image),
 *     ports: { main: 6379 },
 *     waitStrategy: Wait.forLogMessage(/Ready to accept connections/),
 *   });
 *   r.endpoints.main // { host: '127.0.0.1', port: 41234 }
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { GenericContainer, StartedTestContainer, WaitStrategy } from 'testcontainers';
import { EnvironmentStartError } from '../../errors.js';
import { freePort } from '../ports.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../types.js';
import { testcontainers } from './client.js';
import { ContainerProcessControl } from './control.js';
import { requireImage } from './images-present.js';
import { LABEL_COMPONENT, LABEL_RUN } from './labels.js';
import { containersSession, type ContainersSession } from './session.js';

export interface ContainerStartSpec<C extends GenericContainer, S extends StartedTestContainer> {
  name: string;
  kind: string;
  ctx: StartContext;
  image: string;
  /** A configured builder, e.g. new RedisContainer(image).withCommand([...]). */
  container: C;
  /** Port name -> container port; host port = ctx.ports[name] on 127.0.0.1. Ignored with hostNetwork. */
  ports?: Readonly<Record<string, number>>;
  /**
   * Share the host's network namespace (Prometheus: it must scrape host processes that listen
   * on 127.0.0.1 only, which a bridged container cannot reach). The server must then listen
   * on 127.0.0.1:<ctx.ports[...]> itself.
   */
  hostNetwork?: boolean;
  waitStrategy: WaitStrategy;
  /** How to start the builder (default: container.start()). */
  start?: (c: C) => Promise<S>;
  /** Extra readiness after a restart. */
  afterRestart?: () => Promise<void>;
}

export interface ContainerStartResult<S extends StartedTestContainer> {
  started: S;
  control: ContainerProcessControl;
  /** Host endpoints by port name (127.0.0.1 and the fixed host port). */
  endpoints: Record<string, Endpoint>;
  logFile: string;
  session: ContainersSession;
  /** Stops and removes the container; idempotent. Also registered with the owner. */
  remove: () => Promise<void>;
  /** archtdd.version label of the image (the Debian package's upstream version), else the tag. */
  version: string;
}

/** testcontainers binds published ports on every interface; the harness binds loopback only. */
export function bindLoopback(container: GenericContainer): void {
  const hostConfig = (container as unknown as { hostConfig: { PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[]> } })
    .hostConfig;
  for (const bindings of Object.values(hostConfig.PortBindings ?? {})) {
    for (const b of bindings) b.HostIp = LOOPBACK;
  }
}

export async function startInContainer<C extends GenericContainer, S extends StartedTestContainer>(
  spec: ContainerStartSpec<C, S>,
): Promise<ContainerStartResult<S>> {
  const { ctx, name, kind, image, container } = spec;
  const session = await containersSession(ctx);
  const { client } = session;
  await requireImage(client, kind, image);
  const tc = await testcontainers();

  const endpoints: Record<string, Endpoint> = {};
  const boundPorts = new tc.BoundPorts();
  for (const [portName, containerPort] of Object.entries(spec.ports ?? {})) {
    const hostPort = ctx.ports[portName] ?? (await freePort());
    endpoints[portName] = { host: LOOPBACK, port: hostPort };
    boundPorts.setBinding(containerPort, hostPort);
  }

  const logFile = path.join(ctx.owner.logDir, `${name}.log`);
  const containerName = `archtdd-${session.runId}-${name}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
  container
    .withName(containerName)
    .withLabels({ ...session.labels, [LABEL_COMPONENT]: name })
    .withWaitStrategy(spec.waitStrategy)
    .withStartupTimeout(Math.max(1000, ctx.deadline - Date.now()))
    .withLogConsumer((stream) => {
      stream.pipe(createWriteStream(logFile, { flags: 'a' }));
    });
  if (spec.hostNetwork) {
    container.withNetworkMode('host');
  } else {
    container.withNetwork(session.network).withNetworkAliases(name);
    if (spec.ports) {
      container.withExposedPorts(
        ...Object.entries(spec.ports).map(([portName, containerPort]) => ({ container: containerPort, host: endpoints[portName]!.port })),
      );
    }
    bindLoopback(container);
  }

  let removed: Promise<void> | undefined;
  const removeById = (id: string) => () =>
    (removed ??= client.container
      .getById(id)
      .remove({ force: true, v: true })
      .catch((e: unknown) => {
        if (!/no such container|404|not found/i.test(String(e))) throw e;
      }));

  let started: S;
  try {
    started = await (spec.start ? spec.start(container) : (container.start() as Promise<S>));
  } catch (e) {
    await removeLeftover(session, name);
    throw new EnvironmentStartError(`${name} (${kind}) did not start in a container from ${image}: ${(e as Error).message}`, {
      fix: `Read ${logFile}; check the image with: podman run --rm ${image}`,
      cause: e,
    });
  }
  const remove = removeById(started.getId());
  ctx.owner.defer(`remove container ${containerName}`, remove);

  const control = new ContainerProcessControl({
    client,
    id: started.getId(),
    name,
    waitStrategy: spec.waitStrategy,
    boundPorts,
    ...(spec.afterRestart ? { afterRestart: spec.afterRestart } : {}),
  });
  return { started, control, endpoints, logFile, session, remove, version: await imageVersion(session, image) };
}

/** A container whose start failed may still exist: remove it by its labels. */
async function removeLeftover(session: ContainersSession, name: string): Promise<void> {
  const docker = session.client.container.dockerode;
  const list = await docker
    .listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${session.runId}`, `${LABEL_COMPONENT}=${name}`] } })
    .catch(() => []);
  await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
}

async function imageVersion(session: ContainersSession, image: string): Promise<string> {
  const tc = await testcontainers();
  const name = tc.ImageName.fromString(image);
  try {
    const info = await session.client.image.inspect(name);
    const v = info.Config?.Labels?.['archtdd.version'];
    if (v) return v;
  } catch {
    // fall through to the tag
  }
  return name.tag;
}
