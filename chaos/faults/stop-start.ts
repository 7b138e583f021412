/** Fault.stopStart: graceful stop of the component; rollback starts it again. */
import { observeGone, processFault } from './process-fault.js';
import type { ChaosFault } from './types.js';

export function stopStart(): ChaosFault {
  return processFault({
    kind: 'stop_start',
    summary: 'process stopped gracefully, started again on rollback',
    act: (p) => p.stop(),
    undo: (p) => p.restart(),
    observe: observeGone,
  });
}
