/**
 * Everything checked before anything starts: every scenario against its executor, names,
 * targets, thresholds against metric types, options. All problems are collected and
 * thrown together as one InvalidConfigError (k6: Validate() returns []error).
 */
import { InvalidConfigError, type ConfigIssue } from '../errors.js';
import { parseDuration } from './duration.js';
import { executorNames, getExecutor } from './executors/registry.js';
import type { ExecutorDefinition, ResolvedBase } from './executors/types.js';
import { Fields } from './executors/fields.js';
import { BUILTIN_METRICS } from './metrics/builtin.js';
import { METRIC_NAME, type MetricDeclaration } from './metrics/declarations.js';
import { parseSelector, type MetricSelector } from './metrics/selector.js';
import { prepareThresholds, type PreparedThreshold, type ThresholdsSpec } from './thresholds.js';
import { toTarget } from './targets/function.js';
import type { ScenarioConfig, Target, TargetFn } from './types.js';

export interface PlannedScenario {
  def: ExecutorDefinition<ResolvedBase>;
  config: ResolvedBase;
  description: string;
}

export interface LoadPlan {
  scenarios: PlannedScenario[];
  thresholds: PreparedThreshold[];
  metrics: MetricDeclaration[];
  submetrics: MetricSelector[];
}

export type ScenariosInput = ScenarioConfig | ScenarioConfig[] | Record<string, ScenarioConfig>;

const SCENARIO_NAME = /^[0-9A-Za-z_-]+$/;

export function planLoad(
  input: ScenariosInput,
  opts: { thresholds?: ThresholdsSpec; metrics?: MetricDeclaration[]; exec?: Target | TargetFn; submetrics?: string[] } = {},
): LoadPlan {
  const issues: ConfigIssue[] = [];
  const named = toNamed(input);
  if (named.length === 0) issues.push({ path: 'scenarios', message: 'no scenario was given.', fix: 'Pass at least one, e.g. Load.constantArrivalRate({...}).' });
  const seen = new Set<string>();
  const scenarios: PlannedScenario[] = [];
  for (const [name, raw] of named) {
    const path = `scenarios.${name}`;
    if (!SCENARIO_NAME.test(name)) {
      issues.push({ path, message: `the scenario name "${name}" has characters k6 does not allow.`, fix: 'Use letters, digits, "_" and "-".' });
    }
    if (seen.has(name)) issues.push({ path, message: `the scenario name "${name}" is used twice.`, fix: 'Give each scenario its own name.' });
    seen.add(name);
    if (raw === null || typeof raw !== 'object') {
      issues.push({ path, message: 'a scenario must be an object with an executor.', fix: "Write e.g. { executor: 'constant-vus', vus: 10, duration: '30s' }." });
      continue;
    }
    const r = raw as unknown as Record<string, unknown>;
    const def = typeof r.executor === 'string' ? getExecutor(r.executor) : undefined;
    if (!def) {
      issues.push({
        path: `${path}.executor`,
        message: r.executor === undefined ? 'the executor is not specified.' : `the executor "${String(r.executor)}" does not exist.`,
        fix: `Use one of: ${executorNames().join(', ')}.`,
      });
      continue;
    }
    const f = new Fields(r, path, issues);
    const startTimeMs = f.duration('startTime', { def: 0, min: 0 });
    const gracefulStopMs = f.duration('gracefulStop', { def: 30_000, min: 0 });
    const tags = (r.tags ?? {}) as Record<string, string>;
    if (typeof tags !== 'object' || Object.values(tags).some((v) => typeof v !== 'string')) {
      f.problem('tags', 'tags must be an object of string values.', "Write e.g. tags: { flow: 'checkout' }.");
    }
    const exec = (r.exec as Target | TargetFn | undefined) ?? opts.exec;
    let target: Target | undefined;
    if (exec === undefined) f.problem('exec', 'the scenario has nothing to run.', 'Set exec to a target: http({ url }) or an async function.');
    else if (typeof exec !== 'function' && typeof (exec as Target).run !== 'function') {
      f.problem('exec', 'exec must be an async function or a target with run().', 'Use http({ url }) or fn(async (ctx) => {...}).');
    } else target = toTarget(exec);
    const base: ResolvedBase = { name, executor: def.name, startTimeMs, gracefulStopMs, tags: { ...tags, scenario: name }, target };
    const config = def.resolve(r, base, path, issues);
    scenarios.push({ def, config, description: '' });
  }
  const metrics = new Map<string, MetricDeclaration>();
  for (const m of BUILTIN_METRICS) metrics.set(m.name, m);
  for (const [i, m] of (opts.metrics ?? []).entries()) {
    if (!m || !METRIC_NAME.test(m.name)) {
      issues.push({ path: `metrics[${i}]`, message: `"${m?.name}" is not a valid metric name.`, fix: 'Use letters, digits and underscores.' });
      continue;
    }
    const prior = metrics.get(m.name);
    if (prior && prior.type !== m.type) {
      issues.push({ path: `metrics[${i}]`, message: `"${m.name}" is already a ${prior.type} and cannot be a ${m.type}.`, fix: 'Rename your metric.' });
      continue;
    }
    metrics.set(m.name, m);
  }
  const thresholds = prepareThresholds(opts.thresholds, metrics, issues);
  const submetrics: MetricSelector[] = [];
  for (const [i, name] of (opts.submetrics ?? []).entries()) {
    const sel = parseSelector(name);
    if (typeof sel === 'string') issues.push({ path: `submetrics[${i}]`, message: sel, fix: 'Write metric{tag:value}.' });
    else if (!metrics.has(sel.metric)) issues.push({ path: `submetrics[${i}]`, message: `no metric named "${sel.metric}" exists.`, fix: 'Use a built-in or declared metric.' });
    else submetrics.push(sel);
  }
  if (issues.length) throw new InvalidConfigError(issues);
  for (const s of scenarios) s.description = s.def.describe(s.config);
  return { scenarios, thresholds, metrics: [...metrics.values()], submetrics };
}

function toNamed(input: ScenariosInput): Array<[string, ScenarioConfig]> {
  if (Array.isArray(input)) {
    const counts = new Map<string, number>();
    return input.map((s) => {
      let name = s?.name ?? (typeof s?.executor === 'string' ? s.executor : 'default');
      if (!s?.name) {
        const n = (counts.get(name) ?? 0) + 1;
        counts.set(name, n);
        if (n > 1) name = `${name}-${n}`;
      }
      return [name, s];
    });
  }
  if (input && typeof input === 'object' && typeof (input as ScenarioConfig).executor === 'string') {
    const s = input as ScenarioConfig;
    return [[s.name ?? 'default', s]];
  }
  return Object.entries(input as Record<string, ScenarioConfig>).map(([name, s]) => [name, { ...s, name: undefined } as unknown as ScenarioConfig]);
}

/** Longest planned end of the run in ms (startTime + duration + gracefulStop). */
export function maxRunMs(plan: LoadPlan): number {
  return Math.max(0, ...plan.scenarios.map((s) => s.config.startTimeMs + s.def.durationMs(s.config) + s.config.gracefulStopMs));
}

export { parseDuration };
