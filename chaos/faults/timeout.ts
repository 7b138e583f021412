/** Fault.timeout: data stops and connections close after timeoutMs (toxic "timeout"; 0 = hang forever). */
import { failureObserver } from './toxic-fault.js';
import { toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export function timeout(o: { timeoutMs: number } & LinkFaultOptions): ChaosFault {
  return toxicFault({
    kind: 'timeout',
    toxicType: 'timeout',
    attributes: { timeout: Math.round(o.timeoutMs) },
    params: { timeoutMs: o.timeoutMs },
    options: o,
    summary: o.timeoutMs > 0 ? `data stops, connections close after ${o.timeoutMs} ms` : 'data stops, connections hang',
    validate: () => (o.timeoutMs >= 0 ? [] : [`timeoutMs is ${o.timeoutMs}; it must be >= 0.`]),
    observe: failureObserver(['timeout', 'closed'], Math.min(Math.max(o.timeoutMs + 500, 1000), 5000)),
  });
}
