/** A real StartContext for one component on the local runtime (test helper, no fakes). */
import { freePorts } from '../../../harness/runtime/ports.js';
import type { Component, DependencyView, ResourceOwner, StartContext } from '../../../harness/runtime/types.js';
import { isLive, readStat } from '../../../harness/process/procfs.js';

export async function localContext(
  owner: ResourceOwner,
  component: Pick<Component, 'portNames'>,
  deps: Record<string, DependencyView> = {},
  timeoutMs = 30_000,
): Promise<StartContext> {
  return {
    runtime: 'local',
    owner,
    ports: await freePorts(component.portNames),
    deps,
    deadline: Date.now() + timeoutMs,
  };
}

/** True while `pid` names a live (non-zombie) process. */
export async function alive(pid: number): Promise<boolean> {
  return isLive(await readStat(pid));
}

/** Polls until `pid` is gone or `ms` passed; returns whether it is gone. */
export async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await alive(pid))) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !(await alive(pid));
}
