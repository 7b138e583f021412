/** Executors by name (k6 lib.RegisterExecutorConfigType). A new executor is one file plus one line here. */
import { constantArrivalRate } from './constant-arrival-rate.js';
import { constantVus } from './constant-vus.js';
import { perVuIterations } from './per-vu-iterations.js';
import { rampingArrivalRate } from './ramping-arrival-rate.js';
import { rampingVus } from './ramping-vus.js';
import { sharedIterations } from './shared-iterations.js';
import type { ExecutorDefinition, ResolvedBase } from './types.js';

const executors = new Map<string, ExecutorDefinition<ResolvedBase>>();

export function registerExecutor<R extends ResolvedBase>(def: ExecutorDefinition<R>): void {
  executors.set(def.name, def as unknown as ExecutorDefinition<ResolvedBase>);
}

export function getExecutor(name: string): ExecutorDefinition<ResolvedBase> | undefined {
  return executors.get(name);
}

export function executorNames(): string[] {
  return [...executors.keys()];
}

registerExecutor(constantArrivalRate);
registerExecutor(rampingArrivalRate);
registerExecutor(constantVus);
registerExecutor(rampingVus);
registerExecutor(perVuIterations);
registerExecutor(sharedIterations);
