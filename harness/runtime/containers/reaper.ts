/**
 * The containers runtime's reaper: Ryuk cannot be pulled here, so a run killed with SIGKILL
 * leaves its containers and network behind until the next start runs this. It removes every
 * container and network labelled archtdd.run whose owner (pid + start time, on this host) is
 * gone. Owners on other hosts (a shared DOCKER_HOST) are never touched.
 */
import { isSameLiveProcess } from '../../process/procfs.js';
import type { Dockerode } from './client.js';
import { LABEL_RUN, ownerFromLabels, thisHost, type OwnerIdentity } from './labels.js';

export type ReapVerdict = 'keep' | 'remove' | 'foreign';

/** Pure decision for one labelled object (unit-tested with fake liveness). */
export function reapVerdict(owner: OwnerIdentity | undefined, alive: boolean, host: string): ReapVerdict {
  if (!owner) return 'foreign';
  if (owner.host !== host) return 'foreign';
  return alive ? 'keep' : 'remove';
}

export interface ReapResult {
  removedContainers: { id: string; runId: string; name: string }[];
  removedNetworks: { id: string; runId: string; name: string }[];
  errors: string[];
}

export interface ReapOptions {
  /** Liveness check (default: /proc pid + start time). */
  isAlive?: (owner: OwnerIdentity) => Promise<boolean>;
  host?: string;
}

const defaultAlive = (o: OwnerIdentity): Promise<boolean> =>
  o.pid > 0 ? isSameLiveProcess(o.pid, o.startTime) : Promise.resolve(false);

export async function reapContainers(docker: Dockerode, options: ReapOptions = {}): Promise<ReapResult> {
  const isAlive = options.isAlive ?? defaultAlive;
  const host = options.host ?? thisHost();
  const result: ReapResult = { removedContainers: [], removedNetworks: [], errors: [] };
  const verdictOf = async (labels: Record<string, string> | undefined): Promise<{ v: ReapVerdict; runId: string }> => {
    const owner = ownerFromLabels(labels);
    const alive = owner && owner.host === host ? await isAlive(owner) : true;
    return { v: reapVerdict(owner, alive, host), runId: owner?.runId ?? '' };
  };

  const containers = await docker.listContainers({ all: true, filters: { label: [LABEL_RUN] } });
  await Promise.all(
    containers.map(async (c) => {
      const { v, runId } = await verdictOf(c.Labels);
      if (v !== 'remove') return;
      try {
        await docker.getContainer(c.Id).remove({ force: true, v: true });
        result.removedContainers.push({ id: c.Id, runId, name: (c.Names?.[0] ?? '').replace(/^\//, '') });
      } catch (e) {
        if (!/no such container|404/i.test(String(e))) result.errors.push(`container ${c.Id}: ${(e as Error).message}`);
      }
    }),
  );

  const networks = await docker.listNetworks({ filters: { label: [LABEL_RUN] } });
  for (const n of networks) {
    const { v, runId } = await verdictOf(n.Labels);
    if (v !== 'remove') continue;
    try {
      await docker.getNetwork(n.Id).remove();
      result.removedNetworks.push({ id: n.Id, runId, name: n.Name });
    } catch (e) {
      if (!/no such network|not found|404/i.test(String(e))) result.errors.push(`network ${n.Name}: ${(e as Error).message}`);
    }
  }
  return result;
}
