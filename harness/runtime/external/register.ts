/**
 * Plugs the external runtime into the core's runtime hooks: preparing it reads the endpoints
 * (ARCHTDD_EXTERNAL_CONFIG, which `archtdd run --config <file>` sets, then ARCHTDD_EXTERNAL_*
 * env) and refuses to run with none. runtimeState carries the Toxiproxy URL and the link map
 * (for a link provider over existing proxies). Imported for its side effect by the external
 * drivers (systems/<kind>/external.ts); idempotent.
 */
import { InvalidConfigError } from '../../errors.js';
import { runtimeHooks } from '../hooks.js';
import { externalEndpoints, loadExternalConfig, type ExternalConfig } from './config.js';

export interface ExternalRuntimeState {
  toxiproxy?: ExternalConfig['toxiproxy'];
  links?: ExternalConfig['links'];
}

runtimeHooks.prepare.external ??= async () => {
  const config = await loadExternalConfig();
  if (Object.keys(config.endpoints).length === 0) {
    throw new InvalidConfigError([
      {
        path: '--runtime external',
        message: 'was given no endpoints.',
        fix: 'Pass --config <file> (see archtdd.external.example.yaml) or set ARCHTDD_EXTERNAL_<NAME>_URL.',
      },
    ]);
  }
  const state: ExternalRuntimeState = {
    ...(config.toxiproxy ? { toxiproxy: config.toxiproxy } : {}),
    ...(config.links ? { links: config.links } : {}),
  };
  return { runtime: 'external', external: externalEndpoints(config), runtimeState: state };
};
