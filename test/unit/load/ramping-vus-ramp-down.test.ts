/**
 * ramping-vus gracefulRampDown, on real timers with a function target that sleeps (fake
 * I/O): VUs that leave the target may finish their iteration within gracefulRampDown,
 * otherwise it is interrupted; gracefulStop still ends the scenario.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { fn, Load, runLoad } from '../../../harness/load/index.js';
import type { IterationContext } from '../../../harness/load/types.js';

interface Iteration {
  vu: number;
  /** ctx.intendedStart: a looping VU's iteration is meant to start when the runner calls it. */
  startedAt: number;
  endedAt: number;
  aborted: boolean;
}

/** A function target whose iterations sleep `ms` unless their signal aborts; records each one. */
function sleeper(ms: number): { target: ReturnType<typeof fn>; log: Iteration[] } {
  const log: Iteration[] = [];
  const target = fn(async (ctx: IterationContext) => {
    const it: Iteration = { vu: ctx.vu, startedAt: ctx.intendedStart, endedAt: 0, aborted: false };
    log.push(it);
    try {
      await sleep(ms, undefined, { signal: ctx.signal });
    } catch (e) {
      it.aborted = true;
      throw e;
    } finally {
      it.endedAt = performance.now();
    }
  });
  return { target, log };
}

/** When VU slot j (0-based) leaves a linear ramp from `from` VUs to 0 (round(vus) <= j). */
function leavesAt(rampStart: number, rampMs: number, from: number, j: number): number {
  return rampStart + (rampMs * (from - (j + 0.5))) / from;
}

// 4 VUs for 300 ms, down to 0 over 100 ms, then 0 VUs for 1 s: the scenario's end (and
// its gracefulStop) is far from the ramp-down.
const HOLD_MS = 300;
const RAMP_MS = 100;
const rampDown = (target: ReturnType<typeof fn>, gracefulRampDown: string) =>
  Load.rampingVus({
    startVUs: 4,
    stages: [
      { duration: `${HOLD_MS}ms`, target: 4 },
      { duration: `${RAMP_MS}ms`, target: 0 },
      { duration: '1s', target: 0 },
    ],
    gracefulRampDown,
    exec: target,
  });

describe('ramping-vus gracefulRampDown (real timers, function target that sleeps)', () => {
  it('2 s iterations of VUs ramped down are interrupted gracefulRampDown (200 ms) after each VU leaves, counted as interrupted', async () => {
    const { target, log } = sleeper(2000);
    const before = performance.now();
    const r = await runLoad(rampDown(target, '200ms'));

    expect(log).toHaveLength(4);
    expect(log.every((i) => i.aborted)).toBe(true);
    expect(r.interrupted).toBe(4);
    expect(r.iterations).toBe(0);

    const left = [0, 1, 2, 3].map((j) => leavesAt(HOLD_MS, RAMP_MS, 4, j)).sort((a, b) => a - b);
    const ended = log.map((i) => i.endedAt).sort((a, b) => a - b);
    // The scenario starts between `before` and the first iteration's start: measured from
    // `before` a delay can only look longer, from the first start only shorter, so a correct
    // engine passes both bounds whatever the start lag.
    const first = Math.min(...log.map((i) => i.startedAt));
    const atLeast = ended.map((e, k) => e - before - left[k]!);
    const atMost = ended.map((e, k) => e - first - left[k]!);
    console.log(`ms from each VU leaving the target to its interruption (gracefulRampDown 200 ms): ${atMost.map(Math.round).join(', ')} to ${atLeast.map(Math.round).join(', ')}`);
    // Never before the grace runs out (1 ms for the timers' cached clock) ...
    for (const ms of atLeast) expect(ms).toBeGreaterThanOrEqual(199);
    // ... and long before the 2 s iteration would have ended on its own.
    for (const ms of atMost) expect(ms).toBeLessThan(1000);
  });

  it('50 ms iterations finish within gracefulRampDown: nothing is interrupted, every iteration counts', async () => {
    const { target, log } = sleeper(50);
    const r = await runLoad(rampDown(target, '200ms'));

    expect(log.length).toBeGreaterThan(4);
    expect(log.filter((i) => i.aborted)).toEqual([]);
    expect(r.interrupted).toBe(0);
    expect(r.iterations).toBe(log.length);
  });

  it('a VU that comes back above the target within gracefulRampDown keeps its iteration', async () => {
    const { target, log } = sleeper(600);
    // 2 VUs, down to 1 and straight back to 2 (VU 2 is above the target for ~20 ms), then 2 VUs.
    const r = await runLoad(
      Load.rampingVus({
        startVUs: 2,
        stages: [
          { duration: '100ms', target: 2 },
          { duration: '20ms', target: 1 },
          { duration: '20ms', target: 2 },
          { duration: '700ms', target: 2 },
        ],
        gracefulRampDown: '200ms',
        exec: target,
      }),
    );

    expect(log.filter((i) => i.aborted)).toEqual([]);
    expect(r.interrupted).toBe(0);
    expect(r.iterations).toBe(log.length);
  });

  it('gracefulStop still ends the scenario: a 5 s gracefulRampDown does not outlive a 200 ms gracefulStop', async () => {
    const { target, log } = sleeper(2000);
    const before = performance.now();
    const r = await runLoad(
      Load.rampingVus({
        startVUs: 4,
        stages: [
          { duration: `${HOLD_MS}ms`, target: 4 },
          { duration: `${RAMP_MS}ms`, target: 0 },
        ],
        gracefulRampDown: '5s',
        gracefulStop: '200ms',
        exec: target,
      }),
    );

    expect(r.interrupted).toBe(4);
    expect(r.iterations).toBe(0);
    const first = Math.min(...log.map((i) => i.startedAt));
    const end = HOLD_MS + RAMP_MS;
    const atLeast = log.map((i) => i.endedAt - before - end);
    const atMost = log.map((i) => i.endedAt - first - end);
    console.log(`ms from the scenario's end to the interruptions (gracefulStop 200 ms): ${atMost.map(Math.round).join(', ')} to ${atLeast.map(Math.round).join(', ')}`);
    for (const ms of atLeast) expect(ms).toBeGreaterThanOrEqual(199);
    for (const ms of atMost) expect(ms).toBeLessThan(1000);
  });
});
