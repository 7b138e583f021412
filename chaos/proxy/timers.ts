/**
 * Sleeps a toxic can be interrupted out of. `precise` sleeps end within ~0.1 ms: a coarse
 * setTimeout (which fires up to ~1 ms late) for most of the wait, then setImmediate polling
 * for the last 1.5 ms. Latency uses it so an added 20 ms is 20 ms, not 21.
 */
import { performance } from 'node:perf_hooks';

export interface Interruptible {
  /** Called once when the sleep must end early. */
  onInterrupt(cb: () => void): void;
  clearInterrupt(): void;
}

/** Resolves true when interrupted, false when the time elapsed. */
export function sleepUntil(target: number, intr: Interruptible, precise: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    let done = false;
    const finish = (interrupted: boolean): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      intr.clearInterrupt();
      resolve(interrupted);
    };
    intr.onInterrupt(() => finish(true));
    const poll = (): void => {
      const left = target - performance.now();
      if (left <= 0 || (!precise && left < 1)) return finish(false);
      if (!precise || left > 1.5) {
        timer = setTimeout(poll, precise ? left - 1.5 : Math.max(left, 1));
        return;
      }
      immediate = setImmediate(poll);
    };
    poll();
  });
}
