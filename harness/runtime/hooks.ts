/**
 * Runtime plug-ins: the containers and external runtimes register how to prepare themselves
 * (detect the container runtime, read the endpoints file). The core only calls these hooks.
 */
import type { RuntimeKind, StartContext } from './types.js';

export interface PreparedRuntime {
  runtime?: RuntimeKind;
  external?: StartContext['external'];
  runtimeState?: unknown;
}

export const runtimeHooks: {
  containersAvailable?: () => Promise<boolean>;
  prepare: Partial<Record<RuntimeKind, () => Promise<PreparedRuntime>>>;
} = { prepare: {} };
