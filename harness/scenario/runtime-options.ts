/**
 * Which runtime a run uses: ARCHTDD_RUNTIME = local (default) | containers | external | auto.
 * `auto` picks containers when a container runtime answers, else local.
 */
import { InvalidConfigError } from '../errors.js';
import type { RuntimeKind, StartContext } from '../runtime/types.js';
import { runtimeHooks } from '../runtime/hooks.js';

export interface RuntimeChoice {
  runtime: RuntimeKind;
  external?: StartContext['external'];
  runtimeState?: unknown;
}

export async function runtimeOptions(requested?: RuntimeKind | 'auto'): Promise<RuntimeChoice> {
  const asked = (requested ?? process.env.ARCHTDD_RUNTIME ?? 'local') as RuntimeKind | 'auto';
  if (!['local', 'containers', 'external', 'auto'].includes(asked)) {
    throw new InvalidConfigError([{ path: 'ARCHTDD_RUNTIME', message: `is "${asked}".`, fix: 'Use local, containers, external or auto.' }]);
  }
  let runtime: RuntimeKind = asked === 'auto' ? ((await runtimeHooks.containersAvailable?.()) ? 'containers' : 'local') : asked;
  if (runtime === 'local') return { runtime };
  const prepare = runtimeHooks.prepare[runtime];
  if (!prepare) {
    throw new InvalidConfigError([{ path: 'runtime', message: `the ${runtime} runtime is not available in this build.`, fix: 'Use the local runtime.' }]);
  }
  const state = await prepare();
  runtime = state.runtime ?? runtime;
  return { runtime, ...(state.external ? { external: state.external } : {}), ...(state.runtimeState !== undefined ? { runtimeState: state.runtimeState } : {}) };
}
