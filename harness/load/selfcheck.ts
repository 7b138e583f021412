/**
 * The generator checks itself: event-loop delay (perf_hooks), event-loop utilisation, CPU
 * time against wall time, start lag of open-model iterations, and dropped iterations.
 * Any of these over its limit yields `saturated`, a sentence saying what, how much and the
 * limit; the harness turns that into INVALID latency verdicts.
 */
import type { SchedulerMode } from './runner.js';
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';

export interface SelfCheckLimits {
  /** p99 event-loop delay above this means timers (and measurements) ran late. Default 50 ms. */
  eventLoopDelayP99Ms: number;
  /** Share of wall time the event loop was busy. Default 0.9 (timer scheduler only). */
  eventLoopUtilization: number;
  /** CPU seconds per wall second per generator thread. Default 0.95. */
  cpuPerThread: number;
  /** p99 start lag of open-model iterations. Default 20 ms. */
  startLagP99Ms: number;
  /** Share of scheduled iterations dropped. Default 0 (any drop). */
  droppedRatio: number;
}

export const DEFAULT_LIMITS: SelfCheckLimits = {
  eventLoopDelayP99Ms: 50,
  eventLoopUtilization: 0.9,
  cpuPerThread: 0.95,
  startLagP99Ms: 20,
  droppedRatio: 0,
};

export interface SelfCheckReport {
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
  eventLoopUtilization: number;
  /** CPU seconds used per wall second (all threads of this process). */
  cpuCores: number;
  threads: number;
  startLagP50Ms: number;
  startLagP99Ms: number;
  dropped: number;
  scheduled: number;
}

/** monitorEventLoopDelay samples every RESOLUTION_MS and records the whole interval: the delay is what exceeds it. */
export const RESOLUTION_MS = 10;
export const delayMs = (ns: number): number => Math.max(0, ns / 1e6 - RESOLUTION_MS);

export class SelfCheck {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly cpu0 = process.cpuUsage();
  private readonly wall0 = performance.now();
  private readonly elu0: EventLoopUtilization = performance.eventLoopUtilization();

  constructor() {
    this.delay.enable();
  }

  stop(extra: { threads: number; startLagP50Ms: number; startLagP99Ms: number; dropped: number; scheduled: number; workerElu?: number; workerDelayP99Ms?: number }): SelfCheckReport {
    this.delay.disable();
    const cpu = process.cpuUsage(this.cpu0);
    const wallMs = performance.now() - this.wall0;
    const elu = performance.eventLoopUtilization(this.elu0).utilization;
    return {
      eventLoopDelayP99Ms: Math.max(delayMs(this.delay.percentile(99)), extra.workerDelayP99Ms ?? 0),
      eventLoopDelayMaxMs: delayMs(this.delay.max),
      eventLoopUtilization: Math.max(elu, extra.workerElu ?? 0),
      cpuCores: wallMs > 0 ? (cpu.user + cpu.system) / 1000 / wallMs : 0,
      threads: extra.threads,
      startLagP50Ms: extra.startLagP50Ms,
      startLagP99Ms: extra.startLagP99Ms,
      dropped: extra.dropped,
      scheduled: extra.scheduled,
    };
  }
}

/** Why the run's own measurements cannot be trusted, or undefined. */
export function saturationReason(r: SelfCheckReport, limits: SelfCheckLimits, scheduler: SchedulerMode): string | undefined {
  const reasons: string[] = [];
  if (r.scheduled > 0 && r.dropped / r.scheduled > limits.droppedRatio) {
    reasons.push(
      `${r.dropped} of ${r.scheduled} iterations were dropped (${((100 * r.dropped) / r.scheduled).toFixed(2)}%, limit ${(100 * limits.droppedRatio).toFixed(2)}%): no free VU (maxVUs reached) or the generator fell behind; raise maxVUs or use workers`,
    );
  }
  if (r.eventLoopDelayP99Ms > limits.eventLoopDelayP99Ms) {
    reasons.push(`event-loop delay p99 was ${r.eventLoopDelayP99Ms.toFixed(1)} ms (limit ${limits.eventLoopDelayP99Ms} ms)`);
  }
  if (r.startLagP99Ms > limits.startLagP99Ms) {
    reasons.push(`iteration start lag p99 was ${r.startLagP99Ms.toFixed(1)} ms (limit ${limits.startLagP99Ms} ms)`);
  }
  if (scheduler !== 'spin' && r.eventLoopUtilization > limits.eventLoopUtilization) {
    reasons.push(`the event loop was busy ${(100 * r.eventLoopUtilization).toFixed(0)}% of the time (limit ${(100 * limits.eventLoopUtilization).toFixed(0)}%)`);
  }
  if (scheduler !== 'spin' && r.cpuCores > limits.cpuPerThread * r.threads) {
    reasons.push(`CPU use was ${r.cpuCores.toFixed(2)} cores for ${r.threads} generator thread(s) (limit ${(limits.cpuPerThread * r.threads).toFixed(2)})`);
  }
  return reasons.length ? `load generator saturated: ${reasons.join('; ')}` : undefined;
}
