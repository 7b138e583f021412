/**
 * Test helpers for the containers runtime (real podman/Docker, no fakes). The project's podman
 * (scripts/podman/setup.sh) is used when DOCKER_HOST is not set. `dockerAvailable` gates every
 * containers suite: without a runtime the suites are skipped with the reason printed.
 */
import { freePorts } from '../../../harness/runtime/ports.js';
import type { Component, ResourceOwner, StartContext } from '../../../harness/runtime/types.js';
import { loadProjectPodmanEnv } from '../../../harness/runtime/containers/env.js';
import { detectContainerRuntime } from '../../../harness/runtime/containers/detect.js';
import { applyTestcontainersDefaults } from '../../../harness/runtime/containers/session.js';

loadProjectPodmanEnv();
applyTestcontainersDefaults();
const detected = await detectContainerRuntime();

export const dockerAvailable = detected.available;
export const runtimeDescription = detected.description;
if (!dockerAvailable) {
  console.warn(
    `containers tests SKIPPED: no container runtime answered (${detected.reason}). ` +
      'Set one up with: eval "$(scripts/podman/setup.sh --env)" && scripts/images/build.sh',
  );
}

export async function containersContext(
  owner: ResourceOwner,
  component: Pick<Component, 'portNames'>,
  timeoutMs = 60_000,
): Promise<StartContext> {
  return { runtime: 'containers', owner, ports: await freePorts(component.portNames), deps: {}, deadline: Date.now() + timeoutMs };
}
