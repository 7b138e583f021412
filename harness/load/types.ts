/**
 * The load engine's vocabulary, in k6's words: a scenario names an executor and its
 * fields (k6 `options.scenarios`), an iteration runs a target once on a VU, metrics
 * carry k6's names and tags.
 */
import type { MetricsApi } from './metrics/api.js';

import type { Tags } from './metrics/tags.js';

export type { Tags };

/** What a target sees for one iteration (k6: __VU, __ITER, exec.scenario). */
export interface IterationContext {
  /** Global VU number, 1-based (k6 `__VU`). */
  vu: number;
  /** This VU's iteration number in its scenario, 0-based (k6 `__ITER`). */
  iteration: number;
  /** Scenario name (k6 `exec.scenario.name`). */
  scenario: string;
  /** performance.now() (ms) at which the iteration was meant to start (open model: its arrival time). */
  intendedStart: number;
  /** The scenario's tags; every sample the target adds carries them. */
  tags: Tags;
  /** Custom metrics (Counter, Gauge, Rate, Trend) and the built-ins. */
  metrics: MetricsApi;
  /** Aborted when the scenario's gracefulStop (or this VU's gracefulRampDown) runs out or the run is aborted. */
  signal: AbortSignal;
}

export type TargetFn = (ctx: IterationContext) => Promise<void>;

/** Something an iteration does. `http()` builds one; any async function is one. */
export interface Target {
  /** e.g. "http" or "function" */
  kind: string;
  run: TargetFn;
  /** Serialisable description that lets a worker thread rebuild the target (see workers.ts). */
  spec?: TargetSpec;
  /** Release pools and sockets. */
  close?: () => Promise<void>;
}

/** What `http()` takes (harness/load/targets/http.ts). */
export interface HttpTargetOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The whole request, from the send to the body's last byte (k6 `timeout`). Default 10000. */
  timeoutMs?: number;
  /** TCP connect timeout. Default 5000. */
  connectTimeoutMs?: number;
  /** Pool size: most concurrent connections. Default 256. */
  connections?: number;
  /** Path (and query) per iteration, e.g. ({ iteration }) => `/products/${(iteration % 200) + 1}`; default the URL's. Not sent to worker threads. */
  path?: (ctx: IterationContext) => string;
  /** k6's `name` tag; defaults to the URL. */
  name?: string;
  /** Statuses that are not failures (k6 expectedStatuses). Default 200..399. */
  expectedStatuses?: { min: number; max: number } | number[];
  /** 'http1' (embedded, plain http: only; the default there) or 'undici' (the default for https:). */
  client?: 'http1' | 'undici';
}

/** Targets a worker thread can rebuild: HTTP settings, or a module export that returns a Target or TargetFn. */
export type TargetSpec =
  | { kind: 'http'; options: HttpTargetOptions }
  | { kind: 'module'; module: string; export: string; args?: unknown[] };

/** k6's common scenario fields. Durations are Go duration strings ("30s") or milliseconds. */
export interface BaseScenarioConfig {
  executor: string;
  /** Defaults to the executor's name when the scenario is passed in an array. */
  name?: string;
  /** k6 `exec`: here the target itself (a function or a Target), not a function name. */
  exec?: Target | TargetFn;
  startTime?: string | number;
  gracefulStop?: string | number;
  tags?: Tags;
}

export interface Stage {
  duration: string | number;
  target: number;
}

export interface ConstantArrivalRateConfig extends BaseScenarioConfig {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnit?: string | number;
  duration: string | number;
  preAllocatedVUs: number;
  maxVUs?: number;
}

export interface RampingArrivalRateConfig extends BaseScenarioConfig {
  executor: 'ramping-arrival-rate';
  startRate?: number;
  timeUnit?: string | number;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs?: number;
}

export interface ConstantVusConfig extends BaseScenarioConfig {
  executor: 'constant-vus';
  vus?: number;
  duration: string | number;
}

export interface RampingVusConfig extends BaseScenarioConfig {
  executor: 'ramping-vus';
  startVUs?: number;
  stages: Stage[];
  gracefulRampDown?: string | number;
}

export interface PerVuIterationsConfig extends BaseScenarioConfig {
  executor: 'per-vu-iterations';
  vus?: number;
  iterations?: number;
  maxDuration?: string | number;
}

export interface SharedIterationsConfig extends BaseScenarioConfig {
  executor: 'shared-iterations';
  vus?: number;
  iterations?: number;
  maxDuration?: string | number;
}

export type ScenarioConfig =
  | ConstantArrivalRateConfig
  | RampingArrivalRateConfig
  | ConstantVusConfig
  | RampingVusConfig
  | PerVuIterationsConfig
  | SharedIterationsConfig;
