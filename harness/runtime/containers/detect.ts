/**
 * Which runtime `auto` means on this machine: `containers` when testcontainers finds a
 * container runtime (Docker, or podman's Docker API), else `local`.
 *
 *   const r = await detectContainerRuntime();   // { available: false, reason: 'Could not find ...' }
 *   const kind = await resolveRuntime('auto');  // 'local' | 'containers'
 */
import type { RuntimeKind } from '../types.js';
import { containerClient } from './client.js';

export interface ContainerRuntimeInfo {
  available: boolean;
  /** e.g. "podman 4.3.1 at unix:///work/main/.podman/podman.sock"; the error when unavailable. */
  description: string;
  reason?: string;
  detectMs: number;
}

let detected: Promise<ContainerRuntimeInfo> | undefined;

export function detectContainerRuntime(): Promise<ContainerRuntimeInfo> {
  detected ??= (async () => {
    const t0 = performance.now();
    try {
      const client = await containerClient();
      const r = client.info.containerRuntime;
      // Podman's Docker API names itself in the version's components ("Podman Engine").
      const version = (await client.container.dockerode.version().catch(() => undefined)) as
        | { Components?: { Name?: string }[] }
        | undefined;
      const product = version?.Components?.some((c) => /podman/i.test(c.Name ?? '')) ? 'podman' : 'docker';
      return {
        available: true,
        description: `${product} ${r.serverVersion} at ${r.remoteSocketPath ?? r.host}`,
        detectMs: performance.now() - t0,
      };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { available: false, description: 'no container runtime', reason, detectMs: performance.now() - t0 };
    }
  })();
  return detected;
}

export type RequestedRuntime = RuntimeKind | 'auto';

/** `auto` -> containers when a container runtime answers, else local. Others pass through. */
export async function resolveRuntime(requested: RequestedRuntime): Promise<RuntimeKind> {
  if (requested !== 'auto') return requested;
  return (await detectContainerRuntime()).available ? 'containers' : 'local';
}
