/** Fault.latency: adds latencyMs ± jitterMs to a link (toxic "latency"); observed when a probe's round trip grows. */
import { PROBE_TIMEOUT_MS, presenceObserver, toxicFault } from './toxic-fault.js';
import type { ChaosFault, LinkFaultOptions } from './types.js';

export interface LatencyOptions extends LinkFaultOptions {
  latencyMs: number;
  jitterMs?: number;
}

export function latency(o: LatencyOptions): ChaosFault {
  const jitterMs = o.jitterMs ?? 0;
  const toxicity = o.toxicity ?? 1;
  // Half of the smallest latency a connection can get: clearly above probe noise, clearly below the fault.
  const threshold = 0.5 * Math.max(o.latencyMs - jitterMs, 0);
  return toxicFault({
    kind: 'latency',
    toxicType: 'latency',
    attributes: { latency: Math.round(o.latencyMs), jitter: Math.round(jitterMs) },
    params: { latencyMs: o.latencyMs, jitterMs },
    options: o,
    summary: `latency +${o.latencyMs} ms${jitterMs ? ` ± ${jitterMs} ms` : ''}`,
    validate: () => [
      ...(Number.isFinite(o.latencyMs) && o.latencyMs >= 0 ? [] : [`latencyMs is ${o.latencyMs}; it must be >= 0.`]),
      ...(jitterMs >= 0 ? [] : [`jitterMs is ${jitterMs}; it must be >= 0.`]),
    ],
    async observe(ctx) {
      if (!ctx.probe || ctx.baselineMs === undefined || threshold < 1) return presenceObserver(ctx);
      const n = toxicity < 1 ? Math.max(5, Math.ceil(10 / toxicity)) : 5;
      const added: number[] = [];
      for (let i = 0; i < n; i++) {
        try {
          added.push((await ctx.probe(ctx.link.listen, PROBE_TIMEOUT_MS + o.latencyMs * 2)) - ctx.baselineMs);
        } catch (e) {
          return { observed: false, observation: `a probe through "${ctx.link.name}" failed: ${(e as Error).message}` };
        }
      }
      added.sort((a, b) => a - b);
      const median = added[Math.floor(n / 2)]!;
      const affected = added.filter((a) => a >= threshold).length;
      const observed = toxicity >= 1 ? median >= threshold : affected > 0;
      return {
        observed,
        observation: `${n} probes through "${ctx.link.name}": median added ${median.toFixed(1)} ms over a ${ctx.baselineMs.toFixed(2)} ms baseline, ${affected}/${n} at least ${threshold.toFixed(1)} ms`,
      };
    },
  });
}
