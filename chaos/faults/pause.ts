/**
 * Fault.pause: SIGSTOP (container pause) the component; rollback resumes it. A paused server
 * still completes TCP handshakes (the kernel does) but never answers: observed through the
 * process state (T) and, with a probe, a round trip that times out.
 */
import { readStat } from '../../harness/process/procfs.js';
import { ProbeError } from '../probes.js';
import { processFault } from './process-fault.js';
import type { ChaosFault } from './types.js';

export const PAUSE_PROBE_TIMEOUT_MS = 500;

export function pause(): ChaosFault {
  return processFault({
    kind: 'pause',
    summary: 'process paused (SIGSTOP), resumed on rollback',
    act: (p) => p.pause(),
    undo: (p) => p.resume(),
    async observe(t, pid) {
      const facts: string[] = [];
      let observed: boolean | undefined;
      if (pid !== undefined) {
        const state = (await readStat(pid))?.state;
        facts.push(`pid ${pid} state ${state ?? 'gone'}`);
        observed = state === 'T' || state === 't';
      }
      if (t.probe && t.endpoint) {
        try {
          const ms = await t.probe(t.endpoint, PAUSE_PROBE_TIMEOUT_MS);
          facts.push(`a probe was answered in ${ms.toFixed(1)} ms`);
          observed = false;
        } catch (e) {
          const timedOut = e instanceof ProbeError && e.reason === 'timeout';
          facts.push(`a probe ${timedOut ? `got no answer within ${PAUSE_PROBE_TIMEOUT_MS} ms` : `failed: ${(e as Error).message}`}`);
          observed = (observed ?? true) && timedOut;
        }
      }
      return {
        observed: observed ?? false,
        observation: `${t.name}: ${facts.length ? facts.join('; ') : 'no pid and no probe: cannot tell whether it is paused'}`,
      };
    },
  });
}
