/**
 * Any async function as a target: a Kafka produce, a Redis command, a SQL query. A throw
 * marks the iteration failed (iteration_failed); add your own metrics through ctx.metrics.
 */
import type { Target, TargetFn } from '../types.js';

export function fn(run: TargetFn, close?: () => Promise<void>): Target {
  return close ? { kind: 'function', run, close } : { kind: 'function', run };
}

export function toTarget(exec: Target | TargetFn): Target {
  return typeof exec === 'function' ? fn(exec) : exec;
}
