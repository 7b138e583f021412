/** The shared wrapper for process faults: act on apply, undo on rollback, observe through the process and its port. */
import { isLive, readStat } from '../../harness/process/procfs.js';
import { connectProbe, ProbeError } from '../probes.js';
import { createApplied } from './applied.js';
import { asProcess } from './targets.js';
import type { AnyFaultTarget, ChaosAppliedFault, ChaosFault, FaultObservation, ProcessTarget } from './types.js';
import type { ProcessControl } from '../../harness/runtime/types.js';

export function processFault(def: {
  kind: string;
  summary: string;
  act: (p: ProcessControl) => Promise<void>;
  undo: (p: ProcessControl) => Promise<void>;
  observe: (t: ProcessTarget & { process: ProcessControl }, pid: number | undefined) => Promise<FaultObservation>;
}): ChaosFault {
  const fault: ChaosFault = {
    kind: def.kind,
    targetKind: 'process',
    params: {},
    describe: () => def.summary,
    validate: () => [],
    async apply(target: AnyFaultTarget): Promise<ChaosAppliedFault> {
      const t = asProcess(target, def.kind);
      const pid = /^\d+$/.test(t.process.id) ? Number(t.process.id) : undefined;
      await def.act(t.process);
      return createApplied(fault, t.name, {
        observe: () => def.observe(t, pid),
        rollback: () => def.undo(t.process),
      });
    },
  };
  return fault;
}

/** Gone: the runtime says not running, the pid is dead, and the port refuses connections. */
export async function observeGone(t: ProcessTarget & { process: ProcessControl }, pid: number | undefined): Promise<FaultObservation> {
  const facts: string[] = [];
  let gone = !t.process.running;
  facts.push(`runtime reports running=${t.process.running}`);
  if (pid !== undefined) {
    const live = isLive(await readStat(pid));
    facts.push(`pid ${pid} ${live ? 'is alive' : 'is gone'}`);
    gone &&= !live;
  }
  if (t.endpoint) {
    try {
      await connectProbe(t.endpoint, 1000);
      facts.push(`${t.endpoint.host}:${t.endpoint.port} still accepts connections`);
      gone = false;
    } catch (e) {
      facts.push(`${t.endpoint.host}:${t.endpoint.port} ${e instanceof ProbeError ? e.reason : 'fails'}`);
    }
  }
  return { observed: gone, observation: `${t.name}: ${facts.join('; ')}` };
}
