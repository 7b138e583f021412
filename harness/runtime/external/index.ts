/** The external runtime's public face (see ../containers/README.md, "external"). */
export {
  loadExternalConfig,
  loadExternalConfigFile,
  parseExternalConfig,
  externalConfigFromEnv,
  mergeExternalConfigs,
  externalEndpoints,
  externalConfigSchema,
  type ExternalConfig,
  type ExternalEndpointConfig,
} from './config.js';
export { ExternalHandle, givenEndpoint, processFaultUnsupported, EXTERNAL_NOTE, type GivenEndpoint } from './handle.js';
