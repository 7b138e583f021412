/**
 * Plugs the containers runtime into the core's runtime hooks (harness/runtime/hooks.ts):
 * `auto` asks containersAvailable(); `containers` is prepared by checking, before any server
 * starts, that a container runtime answers (else: a clear error and the fix). Imported for its
 * side effect by the containers drivers (systems/<kind>/containers.ts); idempotent.
 */
import { EnvironmentStartError } from '../../errors.js';
import { runtimeHooks } from '../hooks.js';
import { detectContainerRuntime } from './detect.js';
import { applyTestcontainersDefaults } from './session.js';

runtimeHooks.containersAvailable ??= async () => {
  applyTestcontainersDefaults();
  return (await detectContainerRuntime()).available;
};

runtimeHooks.prepare.containers ??= async () => {
  applyTestcontainersDefaults();
  const info = await detectContainerRuntime();
  if (!info.available) {
    throw new EnvironmentStartError(`--runtime containers: no container runtime answered (${info.reason}).`, {
      fix: 'Start Docker, or set up podman here: eval "$(scripts/ci-containers.sh --env)"; or use --runtime local.',
    });
  }
  return { runtime: 'containers' };
};
