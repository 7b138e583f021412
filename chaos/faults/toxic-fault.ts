/**
 * The shared wrapper for every link fault backed by a toxic: it adds the toxic with the fault's
 * stream and toxicity, removes it on rollback (already gone is fine: a reset may have removed it),
 * and observes it with the link's round-trip probe, or, where a probe cannot show the fault,
 * by reading the toxic back from the proxy.
 */
import { FaultError } from '../../harness/errors.js';
import { ToxiproxyApiError } from '../client.js';
import type { Link } from '../links.js';
import { ProbeError, type Probe } from '../probes.js';
import { createApplied } from './applied.js';
import { asLink } from './targets.js';
import type { AnyFaultTarget, ChaosAppliedFault, ChaosFault, FaultObservation, LinkFaultOptions } from './types.js';

export const PROBE_TIMEOUT_MS = 2000;

/** How a fault checks itself given the link, its probe and the baseline round trip (ms) measured before applying. */
export type ToxicObserver = (ctx: { link: Link; probe: Probe | undefined; baselineMs: number | undefined; toxicName: string }) => Promise<FaultObservation>;

let seq = 0;

export function toxicFault(def: {
  kind: string;
  toxicType: string;
  attributes: Record<string, number>;
  params: Record<string, unknown>;
  options: LinkFaultOptions;
  summary: string;
  observe?: ToxicObserver;
  validate?: () => string[];
}): ChaosFault {
  const stream = def.options.stream ?? 'downstream';
  const toxicity = def.options.toxicity ?? 1;
  const fault: ChaosFault = {
    kind: def.kind,
    targetKind: 'link',
    params: { ...def.params, stream, toxicity },
    describe: () => `${def.summary} on ${stream}${toxicity < 1 ? `, ${Math.round(toxicity * 100)}% of connections` : ''}`,
    validate() {
      const problems = def.validate?.() ?? [];
      if (!(toxicity >= 0 && toxicity <= 1)) problems.push(`toxicity is ${toxicity}; it must be in [0, 1].`);
      if (stream !== 'upstream' && stream !== 'downstream') problems.push(`stream is "${String(stream)}"; it must be "upstream" or "downstream".`);
      return problems;
    },
    async apply(target: AnyFaultTarget): Promise<ChaosAppliedFault> {
      const problems = fault.validate!();
      if (problems.length) throw new FaultError(`Fault ${def.kind} is invalid: ${problems.join(' ')}`, { fix: 'Correct the fault options.' });
      const link = asLink(target, def.kind);
      const probe = link.probe;
      // The fastest of 5: noise only adds, so the minimum is the link's own round trip.
      const baselineMs = probe ? await minProbe(link, probe, 5).catch(() => undefined) : undefined;
      const name = `archtdd_${def.kind}_${stream}_${++seq}`;
      await link.addToxic({ name, type: def.toxicType, stream, toxicity, attributes: def.attributes });
      return createApplied(fault, link.name, {
        observe: () => (def.observe ?? presenceObserver)({ link, probe, baselineMs, toxicName: name }),
        rollback: async () => {
          try {
            await link.removeToxic(name);
          } catch (e) {
            if (!(e instanceof ToxiproxyApiError && e.status === 404)) throw e;
          }
        },
      });
    },
  };
  return fault;
}

/** The toxic is on the proxy: all the API can tell (used where a small probe cannot show the fault). */
export const presenceObserver: ToxicObserver = async ({ link, toxicName }) => {
  const toxics = await link.toxics();
  const t = toxics.find((x) => x.name === toxicName);
  return t
    ? { observed: true, observation: `toxic ${t.type} ${JSON.stringify(t.attributes)} active on proxy "${link.name}" (${t.stream}, toxicity ${t.toxicity}); checked through the API, not measured` }
    : { observed: false, observation: `toxic ${toxicName} is not on proxy "${link.name}" (removed or reset?)` };
};

export async function minProbe(link: Link, probe: Probe, n: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < n; i++) best = Math.min(best, await probe(link.listen, PROBE_TIMEOUT_MS));
  return best;
}

/** Observes faults that make the link fail (timeout, reset_peer, down): one probe must fail as expected. */
export function failureObserver(expected: ProbeError['reason'][], timeoutMs = PROBE_TIMEOUT_MS): ToxicObserver {
  return async (ctx) => {
    if (!ctx.probe) return presenceObserver(ctx);
    try {
      const ms = await ctx.probe(ctx.link.listen, timeoutMs);
      return { observed: false, observation: `a probe through "${ctx.link.name}" still succeeded (${ms.toFixed(1)} ms round trip)` };
    } catch (e) {
      const reason = e instanceof ProbeError ? e.reason : 'error';
      return {
        observed: expected.includes(reason),
        observation: `a probe through "${ctx.link.name}" failed: ${reason} (${(e as Error).message})${expected.includes(reason) ? '' : `; expected ${expected.join(' or ')}`}`,
      };
    }
  };
}
