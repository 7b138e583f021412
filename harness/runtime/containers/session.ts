/**
 * One containers session per run (per ResourceOwner): the client, the run's labels, and one
 * network for the run with an alias per server. Created lazily by the first container driver
 * that starts, so the environment needs no containers-specific code. The first session in a
 * process first reaps what dead runs left behind (see reaper.ts).
 *
 *   const s = await containersSession(ctx);  // same object for every driver of this run
 */
import { ownStartTime } from '../../process/procfs.js';
import { EnvironmentStartError } from '../../errors.js';
import type { ResourceOwner, StartContext } from '../types.js';
import { containerClient, testcontainers, type ContainerRuntimeClient } from './client.js';
import { detectContainerRuntime } from './detect.js';
import { LABEL_RUN, ownerLabels, thisHost } from './labels.js';
import { reapContainers, type ReapResult } from './reaper.js';

type StartedNetwork = InstanceType<Awaited<ReturnType<typeof testcontainers>>['StartedNetwork']>;

export interface ContainersSession {
  readonly runId: string;
  readonly client: ContainerRuntimeClient;
  /** archtdd.run, archtdd.owner-pid, archtdd.owner-start, archtdd.owner-host */
  readonly labels: Readonly<Record<string, string>>;
  /** The run's network; servers join it with their name as alias. */
  readonly network: StartedNetwork;
  /** What the reaper removed when this process's first session started. */
  readonly reaped: ReapResult;
}

/**
 * Ryuk (testcontainers' own reaper) cannot be pulled on machines without a registry, and the
 * harness removes its containers itself: default it off. Podman's API publishes on the host,
 * so the host is 127.0.0.1 (never "localhost", which may resolve to ::1 first).
 */
export function applyTestcontainersDefaults(env: NodeJS.ProcessEnv = process.env): void {
  env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  if (!env.DOCKER_HOST || env.DOCKER_HOST.startsWith('unix://')) env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

const sessions = new WeakMap<ResourceOwner, Promise<ContainersSession>>();
let reaping: Promise<ReapResult> | undefined;

export function containersSession(ctx: Pick<StartContext, 'owner'>): Promise<ContainersSession> {
  let s = sessions.get(ctx.owner);
  if (!s) {
    s = createSession(ctx.owner);
    sessions.set(ctx.owner, s);
  }
  return s;
}

async function createSession(owner: ResourceOwner): Promise<ContainersSession> {
  applyTestcontainersDefaults();
  const info = await detectContainerRuntime();
  if (!info.available) {
    throw new EnvironmentStartError(`The containers runtime needs a container runtime, and none answered (${info.reason}).`, {
      fix: 'Start Docker, or set up podman: eval "$(scripts/podman/setup.sh --env)" (README "Containers runtime"); or use --runtime local.',
    });
  }
  const client = await containerClient();
  const docker = client.container.dockerode;
  reaping ??= reapContainers(docker);
  const reaped = await reaping;
  const labels = ownerLabels({ runId: owner.runId, pid: process.pid, startTime: await ownStartTime(), host: thisHost() });
  const name = `archtdd-${owner.runId}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
  const tc = await testcontainers();
  const created = await client.network.create({
    Name: name,
    CheckDuplicate: true,
    Driver: 'bridge',
    Internal: false,
    Attachable: false,
    Ingress: false,
    EnableIPv6: false,
    Labels: labels,
  });
  const network = new tc.StartedNetwork(client, name, created);
  // Registered before any container's removal, so it runs after them (LIFO).
  owner.defer(`remove network ${name}`, async () => {
    try {
      await network.stop();
    } catch (e) {
      if (!/no such network|not found|404/i.test(String(e))) throw e;
    }
  });
  // Runs before the network's removal: anything of this run a driver did not remove itself.
  owner.defer(`remove containers of run ${owner.runId}`, async () => {
    const list = await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${owner.runId}`] } });
    await Promise.all(list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined)));
  });
  return { runId: owner.runId, client, labels: { ...labels, [LABEL_RUN]: owner.runId }, network, reaped };
}
