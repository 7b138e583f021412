/** Fault.down: the link's proxy is disabled (Toxiproxy "down" = enabled:false): connections close, new ones are refused. */
import { FaultError } from '../../harness/errors.js';
import { connectProbe, ProbeError } from '../probes.js';
import { createApplied } from './applied.js';
import { asLink } from './targets.js';
import type { AnyFaultTarget, ChaosAppliedFault, ChaosFault } from './types.js';

export function down(): ChaosFault {
  const fault: ChaosFault = {
    kind: 'down',
    targetKind: 'link',
    params: {},
    describe: () => 'link down (proxy disabled: open connections closed, new ones refused)',
    validate: () => [],
    async apply(target: AnyFaultTarget): Promise<ChaosAppliedFault> {
      const link = asLink(target, 'down');
      await link.setEnabled(false);
      return createApplied(fault, link.name, {
        async observe() {
          try {
            const ms = await connectProbe(link.listen, 1000);
            return { observed: false, observation: `a connect to ${link.listen.host}:${link.listen.port} still succeeded (${ms.toFixed(1)} ms)` };
          } catch (e) {
            const refused = e instanceof ProbeError && e.reason === 'refused';
            return {
              observed: refused,
              observation: `a connect through "${link.name}" failed: ${e instanceof ProbeError ? e.reason : 'error'} (${(e as Error).message})`,
            };
          }
        },
        async rollback() {
          try {
            await link.setEnabled(true);
          } catch (e) {
            throw new FaultError(`Could not bring link "${link.name}" back up: ${(e as Error).message}`, {
              fix: 'Another process may have taken its port; POST /reset on the proxy or restart the run.',
              cause: e,
            });
          }
        },
      });
    },
  };
  return fault;
}
