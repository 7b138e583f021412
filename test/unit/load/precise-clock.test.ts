/**
 * The precise clock with real timers and its real helper thread: never early, in order,
 * abortable, and it lets the process exit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PreciseClock } from '../../../harness/load/precise-clock.js';

let clock: PreciseClock | undefined;
afterEach(async () => {
  await clock?.close();
  clock = undefined;
});

describe('precise clock (real time, real helper thread)', () => {
  it('never wakes before the deadline: 300 sleeps 0.3-2 ms ahead all resolve at or after their time', async () => {
    clock = new PreciseClock();
    const signal = new AbortController().signal;
    let early = 0;
    const lags: number[] = [];
    for (let i = 0; i < 300; i++) {
      const at = performance.now() + 0.3 + (i % 18) / 10;
      await clock.sleepUntil(at, signal);
      const lag = performance.now() - at;
      if (lag < 0) early++;
      lags.push(lag);
    }
    expect(early).toBe(0);
    expect(lags).toHaveLength(300);
  });

  it('several waiters wake in deadline order, whatever the order they asked in', async () => {
    clock = new PreciseClock();
    const signal = new AbortController().signal;
    const t0 = performance.now();
    const order: number[] = [];
    await Promise.all([30, 10, 20, 5, 25].map((ms) => clock!.sleepUntil(t0 + ms, signal).then(() => order.push(ms))));
    expect(order).toEqual([5, 10, 20, 25, 30]);
  });

  it('an abort resolves a long sleep at once, and a past deadline resolves immediately', async () => {
    clock = new PreciseClock();
    const ac = new AbortController();
    const t0 = performance.now();
    const long = clock.sleepUntil(t0 + 60_000, ac.signal);
    setTimeout(() => ac.abort(), 20);
    await long;
    expect(performance.now() - t0).toBeLessThan(30_000);
    await clock.sleepUntil(t0 - 1, new AbortController().signal);
  });

  it('close() resolves pending sleeps and stops the helper thread', async () => {
    const c = new PreciseClock();
    let resolved = false;
    const pending = c.sleepUntil(performance.now() + 60_000, new AbortController().signal).then(() => (resolved = true));
    await c.close();
    await pending;
    expect(resolved).toBe(true);
  });
});

describe('precise clock without its helper (real time)', () => {
  it('falls back to timers when the helper thread dies: sleeps still end, not early', async () => {
    clock = new PreciseClock();
    await clock.ready();
    // the helper thread is private; end it the way a crash would
    await (clock as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const t0 = performance.now();
    await clock.sleepUntil(t0 + 15, new AbortController().signal);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
  });
});
