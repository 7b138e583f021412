/**
 * Runs planned scenarios in this thread: gives each executor its runtime (VUs, clock,
 * waits, iteration wrapper), enforces startTime and gracefulStop, and feeds the metrics
 * registry. Used by runLoad directly and by each worker thread.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { ExecutorDefinition, ExecutorRuntime, ResolvedBase, Vu } from './executors/types.js';
import { metricsApi } from './metrics/api.js';
import type { MetricsRegistry } from './metrics/registry.js';
import { TrendSink } from './metrics/sinks.js';
import { PreciseClock } from './precise-clock.js';
import type { IterationContext, Target } from './types.js';

/**
 * How an arrival-rate executor waits for an iteration's start: 'precise' (default: a
 * helper thread's futex wakes the loop just before, see precise-clock.ts), 'timer'
 * (setTimeout only: 1 ms clock, lowest CPU) or 'spin' (setImmediate for the last 2 ms:
 * one core busy).
 */
export const SCHEDULERS = ['precise', 'timer', 'spin'] as const;
export type SchedulerMode = (typeof SCHEDULERS)[number];

export interface RunnerOptions {
  scheduler: SchedulerMode;
  maxStartLagMs: number;
  /** First global VU id for this thread (workers get disjoint ranges). */
  vuIdBase?: number;
  /** Aborts every scenario (options.signal, abortOnFail). */
  abort: AbortSignal;
}

export interface RunnerStats {
  scheduled: number;
  dropped: number;
  interrupted: number;
  activeVus: number;
  maxVus: number;
  startLag: TrendSink;
  /** First distinct errors thrown by targets (at most 5). */
  errors: string[];
}

export class Runner {
  readonly stats: RunnerStats = { scheduled: 0, dropped: 0, interrupted: 0, activeVus: 0, maxVus: 0, startLag: new TrendSink(), errors: [] };
  private nextVu: number;

  constructor(
    private readonly registry: MetricsRegistry,
    private readonly opts: RunnerOptions,
  ) {
    this.nextVu = opts.vuIdBase ?? 1;
  }

  private clock: PreciseClock | undefined;

  async run(scenarios: Array<{ def: ExecutorDefinition<ResolvedBase>; config: ResolvedBase }>): Promise<void> {
    if (this.opts.scheduler === 'precise') {
      this.clock = new PreciseClock();
      await this.clock.ready();
    }
    try {
      const t0 = performance.now();
      await Promise.all(scenarios.map((s) => this.scenario(s.def, s.config, t0)));
    } finally {
      await this.clock?.close();
      this.clock = undefined;
    }
  }

  private async scenario(def: ExecutorDefinition<ResolvedBase>, c: ResolvedBase, t0: number): Promise<void> {
    const target = c.target as Target;
    const abort = this.opts.abort;
    if (c.startTimeMs > 0) await sleepUntil(t0 + c.startTimeMs, abort, 'timer');
    if (abort.aborted) return;
    const stopping = new AbortController();
    const hard = new AbortController();
    // Every in-flight request listens on the hard stop.
    setMaxListeners(0, hard.signal, stopping.signal);
    const onAbort = (): void => {
      stopping.abort();
      hard.abort();
    };
    abort.addEventListener('abort', onAbort, { once: true });
    const startAt = performance.now();
    const hardAt = startAt + def.durationMs(c) + c.gracefulStopMs;
    const hardTimer = setTimeout(() => hard.abort(), hardAt - startAt);
    const stats = this.stats;
    const registry = this.registry;
    const api = metricsApi(registry, c.tags);
    const iterations = registry.get('iterations')!;
    const iterationDuration = registry.get('iteration_duration')!;
    const iterationFailed = registry.get('iteration_failed')!;
    const dropped = registry.get('dropped_iterations')!;
    let inflight = 0;
    let idle: (() => void) | undefined;
    const scheduler = this.opts.scheduler;
    // An executor's own interrupt signal (gracefulRampDown) joined with the hard stop,
    // built once per interrupt signal so the per-iteration cost stays a lookup.
    const joined = new WeakMap<AbortSignal, AbortSignal>();
    const withHardStop = (interrupt: AbortSignal): AbortSignal => {
      let s = joined.get(interrupt);
      if (!s) {
        s = AbortSignal.any([hard.signal, interrupt]);
        setMaxListeners(0, s);
        joined.set(interrupt, s);
      }
      return s;
    };

    const clock = this.clock;
    const rt: ExecutorRuntime = {
      startAt,
      stopping: stopping.signal,
      maxStartLagMs: this.opts.maxStartLagMs,
      now: () => performance.now(),
      waitUntil: clock ? (at) => clock.sleepUntil(at, stopping.signal) : (at) => sleepUntil(at, stopping.signal, scheduler === 'spin' ? 'spin' : 'timer'),
      newVu: (): Vu => {
        stats.maxVus++;
        return { id: this.nextVu++, iteration: 0 };
      },
      activeVus: (delta) => {
        stats.activeVus += delta;
      },
      drop: (n = 1) => {
        stats.scheduled += n;
        stats.dropped += n;
        registry.add(dropped, n, c.tags);
      },
      iterate: async (vu, intendedStart, interrupt) => {
        const signal = interrupt === undefined ? hard.signal : withHardStop(interrupt);
        stats.scheduled++;
        inflight++;
        const started = performance.now();
        stats.startLag.add(started - intendedStart);
        const ctx: IterationContext = {
          vu: vu.id,
          iteration: vu.iteration++,
          scenario: c.name,
          intendedStart,
          tags: c.tags,
          metrics: api,
          signal,
        };
        let failed = 0;
        try {
          await target.run(ctx);
        } catch (e) {
          failed = 1;
          if (!signal.aborted && stats.errors.length < 5) {
            const msg = e instanceof Error ? e.message : String(e);
            if (!stats.errors.includes(msg)) stats.errors.push(msg);
          }
        }
        if (signal.aborted) stats.interrupted++;
        else {
          registry.add(iterations, 1, c.tags);
          registry.add(iterationDuration, performance.now() - intendedStart, c.tags);
          registry.add(iterationFailed, failed, c.tags);
        }
        if (--inflight === 0 && idle) idle();
      },
    };

    const running = def.run(c, rt).catch((e: unknown) => {
      if (stats.errors.length < 5) stats.errors.push(`executor ${c.executor} failed: ${(e as Error).message}`);
    });
    const hardStopped = new Promise<void>((resolve) => {
      if (hard.signal.aborted) resolve();
      else hard.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([
      running.then(() => (inflight === 0 ? undefined : new Promise<void>((resolve) => (idle = resolve)))),
      hardStopped,
    ]);
    stopping.abort();
    if (hard.signal.aborted && inflight > 0) {
      // Iterations past gracefulStop were aborted; give them a moment to unwind, then move on.
      await Promise.race([new Promise<void>((resolve) => (idle = resolve)), sleep(1000)]);
    }
    clearTimeout(hardTimer);
    abort.removeEventListener('abort', onAbort);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Resolves at `at` (performance.now() ms) or on abort. 'timer' uses setTimeout (libuv's
 * 1 ms clock: start lag p50 ~0.5 ms, ~5% CPU at 1k it/s); 'spin' finishes the last 2 ms
 * with setImmediate (start lag p99 ~0.1 ms, one core busy).
 */
export function sleepUntil(at: number, signal: AbortSignal, mode: Exclude<SchedulerMode, 'precise'>): Promise<void> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', done, { once: true });
    const step = (): void => {
      timer = undefined;
      const left = at - performance.now();
      if (left <= 0 || signal.aborted) return done();
      if (mode === 'spin' && left <= 2) setImmediate(step);
      else timer = setTimeout(step, mode === 'spin' ? left - 1.5 : left);
    };
    step();
  });
}
