/** Fault.resetPeer: connections are reset (RST) timeoutMs after their first data (toxic "reset_peer"). */
import { failureObserver, toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export function resetPeer(o: { timeoutMs?: number } & LinkFaultOptions = {}): ChaosFault {
  const timeoutMs = o.timeoutMs ?? 0;
  return toxicFault({
    kind: 'reset_peer',
    toxicType: 'reset_peer',
    attributes: { timeout: Math.round(timeoutMs) },
    params: { timeoutMs },
    options: o,
    summary: `connections reset ${timeoutMs} ms after first data`,
    validate: () => (timeoutMs >= 0 ? [] : [`timeoutMs is ${timeoutMs}; it must be >= 0.`]),
    observe: failureObserver(['reset', 'closed'], Math.min(timeoutMs + 2000, 10_000)),
  });
}
