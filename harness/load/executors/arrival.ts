/**
 * The open-model scheduler shared by the arrival-rate executors. Iteration i has an
 * intended start (offset from the scenario start); it starts then on a free VU, on a new
 * VU while fewer than maxVUs exist, or is counted as dropped (k6 dropped_iterations).
 * Latency is measured from the intended start, so a slow target cannot hide behind a
 * generator that waits for it (coordinated omission). An iteration that could only start
 * more than `maxStartLagMs` late is dropped too: the generator was behind, not the target.
 */
import type { ExecutorRuntime, Vu } from './types.js';

/** Starts without a wait in between before the scheduler yields to I/O. */
const YIELD_EVERY = 256;

export interface ArrivalPlan {
  /** Offset in ms of this worker's i-th iteration, or undefined when there is none. */
  offsetOf(i: number): number | undefined;
  durationMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

export async function runArrival(plan: ArrivalPlan, rt: ExecutorRuntime): Promise<void> {
  const idle: Vu[] = [];
  let allocated = 0;
  for (; allocated < plan.preAllocatedVUs; allocated++) idle.push(rt.newVu());
  let sinceYield = 0;
  for (let i = 0; !rt.stopping.aborted; i++) {
    const offset = plan.offsetOf(i);
    if (offset === undefined || offset >= plan.durationMs) break;
    const at = rt.startAt + offset;
    if (rt.now() < at) {
      await rt.waitUntil(at);
      if (rt.stopping.aborted) break;
      sinceYield = 0;
    } else if (++sinceYield >= YIELD_EVERY) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sinceYield = 0;
    }
    if (rt.now() - at > rt.maxStartLagMs) {
      rt.drop();
      continue;
    }
    let vu = idle.pop();
    if (vu === undefined) {
      if (allocated >= plan.maxVUs) {
        rt.drop();
        continue;
      }
      vu = rt.newVu();
      allocated++;
    }
    const busy = vu;
    rt.activeVus(1);
    void rt.iterate(busy, at).then(() => {
      rt.activeVus(-1);
      idle.push(busy);
    });
  }
}
