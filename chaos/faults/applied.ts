/** The shared AppliedFault: rollback once, timestamps, the last observation, the journal record. */
import type { FaultRecord } from '../../harness/journal/schema.js';
import type { ChaosAppliedFault, ChaosFault, FaultObservation } from './types.js';

let counter = 0;

export function createApplied(
  fault: ChaosFault,
  target: string,
  hooks: { observe: () => Promise<FaultObservation>; rollback: () => Promise<void> },
): ChaosAppliedFault {
  const appliedAt = Date.now();
  let removedAt: number | undefined;
  let removing: Promise<void> | undefined;
  let last: FaultObservation | undefined;
  const id = `${fault.kind}-${++counter}`;
  const remove = (): Promise<void> =>
    (removing ??= hooks.rollback().finally(() => {
      removedAt = Date.now();
    }));
  return {
    fault,
    target,
    appliedAt,
    get removedAt() {
      return removedAt;
    },
    async observe() {
      last = await hooks.observe();
      return last;
    },
    remove,
    [Symbol.asyncDispose]: remove,
    record(recordId = id): FaultRecord {
      return {
        id: recordId,
        kind: fault.kind,
        target,
        params: fault.params,
        appliedAt,
        ...(removedAt !== undefined ? { removedAt } : {}),
        observed: last?.observed ?? false,
        observation: last?.observation ?? 'not observed: observe() was never called',
      };
    },
  };
}
