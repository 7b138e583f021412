/** Fault.limitData: each connection closes after `bytes` bytes (toxic "limit_data"). */
import { failureObserver, presenceObserver, toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export function limitData(o: { bytes: number } & LinkFaultOptions): ChaosFault {
  const closes = failureObserver(['closed', 'reset']);
  return toxicFault({
    kind: 'limit_data',
    toxicType: 'limit_data',
    attributes: { bytes: Math.round(o.bytes) },
    params: { bytes: o.bytes },
    options: o,
    summary: `connections close after ${o.bytes} bytes`,
    validate: () => (o.bytes >= 0 ? [] : [`bytes is ${o.bytes}; it must be >= 0.`]),
    // A probe answer is a few bytes: with a larger limit the probe passes and only the API can tell.
    observe: (ctx) => (o.bytes === 0 ? closes(ctx) : presenceObserver(ctx)),
  });
}
