/**
 * Labels on every container and network the containers runtime creates. Without Ryuk (its image
 * cannot be pulled here) these are how leftovers are found: the reaper removes what a dead
 * owner (pid + start time on this host) left behind.
 */
import { hostname } from 'node:os';

export const LABEL_RUN = 'archtdd.run';
export const LABEL_OWNER_PID = 'archtdd.owner-pid';
/** /proc/<pid>/stat start time of the owner, so a recycled pid is not taken for the owner. */
export const LABEL_OWNER_START = 'archtdd.owner-start';
/** Owner liveness can only be checked on the host that ran it (DOCKER_HOST may be shared). */
export const LABEL_OWNER_HOST = 'archtdd.owner-host';
export const LABEL_COMPONENT = 'archtdd.component';

export interface OwnerIdentity {
  runId: string;
  pid: number;
  startTime: number;
  host: string;
}

export function ownerLabels(o: OwnerIdentity): Record<string, string> {
  return {
    [LABEL_RUN]: o.runId,
    [LABEL_OWNER_PID]: String(o.pid),
    [LABEL_OWNER_START]: String(o.startTime),
    [LABEL_OWNER_HOST]: o.host,
  };
}

export function thisHost(): string {
  return hostname();
}

/** The owner named by a container's labels, or undefined if it carries none of ours. */
export function ownerFromLabels(labels: Readonly<Record<string, string>> | undefined): OwnerIdentity | undefined {
  if (!labels?.[LABEL_RUN]) return undefined;
  const pid = Number(labels[LABEL_OWNER_PID]);
  const startTime = Number(labels[LABEL_OWNER_START]);
  return {
    runId: labels[LABEL_RUN],
    pid: Number.isInteger(pid) ? pid : -1,
    startTime: Number.isFinite(startTime) ? startTime : -1,
    host: labels[LABEL_OWNER_HOST] ?? '',
  };
}
