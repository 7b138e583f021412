/**
 * One executor = one file exporting an ExecutorDefinition, registered by name (k6's
 * lib.RegisterExecutorConfigType). `resolve` checks the raw config and returns ALL
 * problems at once (k6 `Validate()`); `describe` is k6's `GetDescription()`.
 */
import type { ConfigIssue } from '../../errors.js';
import type { Tags, Target } from '../types.js';

/** Fields every executor has, resolved to milliseconds. */
export interface ResolvedBase {
  name: string;
  executor: string;
  startTimeMs: number;
  gracefulStopMs: number;
  tags: Tags;
  target: Target | undefined;
}

export interface Vu {
  /** global 1-based id */
  id: number;
  /** iterations this VU has started in this scenario */
  iteration: number;
}

/** What the engine gives an executor while it runs. */
export interface ExecutorRuntime {
  /** performance.now() at the scenario's start (after startTime). */
  readonly startAt: number;
  /** Aborted when the executor must stop starting iterations (run aborted). */
  readonly stopping: AbortSignal;
  now(): number;
  /** Resolves at performance.now() >= at (or when stopping aborts). Never rejects. */
  waitUntil(at: number): Promise<void>;
  /** Initialises a new VU (counts towards vus_max). */
  newVu(): Vu;
  /**
   * Runs one iteration; latency is measured from `intendedStart`. Never rejects. The
   * scenario's hard stop (gracefulStop) always interrupts it; `interrupt` (e.g. a VU's
   * gracefulRampDown running out) interrupts it too. Pass the same signal for many
   * iterations: the runner joins each distinct one with the hard stop once.
   */
  iterate(vu: Vu, intendedStart: number, interrupt?: AbortSignal): Promise<void>;
  /** Records a dropped iteration (k6 dropped_iterations). */
  drop(count?: number): void;
  /** Changes the number of active VUs (k6 `vus` gauge). */
  activeVus(delta: number): void;
  /** An arrival-rate iteration that could only start later than this (ms) is dropped instead. */
  readonly maxStartLagMs: number;
}

export interface ExecutorDefinition<R extends ResolvedBase = ResolvedBase> {
  readonly name: string;
  /** Checks the raw config and applies k6's defaults; problems go to `issues` with `path` prefixes. */
  resolve(raw: Record<string, unknown>, base: ResolvedBase, path: string, issues: ConfigIssue[]): R;
  /** One human line, as k6 prints it after "scenarios:". */
  describe(c: R): string;
  /** Most VUs this scenario may use. */
  maxVUs(c: R): number;
  /** Length of the regular run (without startTime and gracefulStop). */
  durationMs(c: R): number;
  run(c: R, rt: ExecutorRuntime): Promise<void>;
  /** The share of the work for worker `index` of `count` (arrival rates and VUs divided). */
  split(c: R, index: number, count: number): R;
}
