/** Fault.bandwidth: limits a link to rateKBps (toxic "bandwidth"); a small probe cannot show it, so it is checked through the API. */
import { toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export function bandwidth(o: { rateKBps: number } & LinkFaultOptions): ChaosFault {
  return toxicFault({
    kind: 'bandwidth',
    toxicType: 'bandwidth',
    attributes: { rate: Math.round(o.rateKBps) },
    params: { rateKBps: o.rateKBps },
    options: o,
    summary: `bandwidth limited to ${o.rateKBps} KB/s`,
    validate: () => (o.rateKBps >= 1 ? [] : [`rateKBps is ${o.rateKBps}; it must be >= 1 (0 would mean unlimited).`]),
  });
}
