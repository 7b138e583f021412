/** Toxic types by Toxiproxy's name. A new toxic is one file plus one line here. */
import type { ToxicType } from './types.js';
import { noop } from './noop.js';
import { latency } from './latency.js';
import { bandwidth } from './bandwidth.js';
import { slowClose } from './slow-close.js';
import { timeout } from './timeout.js';
import { resetPeer } from './reset-peer.js';
import { slicer } from './slicer.js';
import { limitData } from './limit-data.js';

const registry = new Map<string, ToxicType>();

export function registerToxic(t: ToxicType): void {
  registry.set(t.type, t);
}

registerToxic(latency);
registerToxic(bandwidth);
registerToxic(slowClose);
registerToxic(timeout);
registerToxic(resetPeer);
registerToxic(slicer);
registerToxic(limitData);

export function toxicType(type: string): ToxicType | undefined {
  return registry.get(type);
}

/** The registered type names (noop is internal, not listed). */
export function toxicTypeNames(): string[] {
  return [...registry.keys()];
}

export { noop as noopToxic };
