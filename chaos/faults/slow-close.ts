/** Fault.slowClose: the close of each connection is delayed by delayMs (toxic "slow_close"); checked through the API. */
import { toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export function slowClose(o: { delayMs: number } & LinkFaultOptions): ChaosFault {
  return toxicFault({
    kind: 'slow_close',
    toxicType: 'slow_close',
    attributes: { delay: Math.round(o.delayMs) },
    params: { delayMs: o.delayMs },
    options: o,
    summary: `connection close delayed ${o.delayMs} ms`,
    validate: () => (o.delayMs >= 0 ? [] : [`delayMs is ${o.delayMs}; it must be >= 0.`]),
  });
}
