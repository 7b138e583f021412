/** Fault.kill: SIGKILL the component; rollback restarts it on the same ports and data dir. */
import { observeGone, processFault } from './process-fault.js';
import type { ChaosFault } from './types.js';

export function kill(): ChaosFault {
  return processFault({
    kind: 'kill',
    summary: 'process killed (SIGKILL), restarted on rollback',
    act: (p) => p.kill('SIGKILL'),
    undo: (p) => p.restart(),
    observe: observeGone,
  });
}
