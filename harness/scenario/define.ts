/**
 * A scenario: the environment, the load, the phases (with their faults) and the SLOs.
 * Declarative first; validated as a whole, every problem at once, before any server starts.
 */
import type { ConfigIssue } from '../errors.js';
import { InvalidConfigError } from '../errors.js';
import type { FaultLike } from '../faults/types.js';
import type { EnvironmentSpec } from '../environment/define.js';
import type { StartedEnvironment } from '../environment/start.js';
import type { ScenarioConfig } from '../load/types.js';
import type { ThresholdsSpec } from '../load/thresholds.js';
import type { Slo } from '../slo/define.js';

/** A duration ("20s", "2m", 1500 ms) or one per profile. */
export type PhaseDuration = string | number | { quick: string | number; full: string | number };

export interface FaultStep {
  /** a link ("catalog->postgres") or a component name ("redis") */
  target: string;
  fault: FaultLike;
  /** offset into the phase, default 0 */
  at?: string | number;
  /** how long, default: until the phase ends */
  for?: string | number;
}

export interface PhaseSpec {
  /** e.g. "baseline", "fault", "recovery" */
  name: string;
  duration: PhaseDuration;
  faults?: FaultStep[];
}

export interface ScenarioSpec {
  id: string;
  title: string;
  /** one sentence: what this scenario shows */
  description?: string;
  environment: EnvironmentSpec;
  /** k6-style scenarios, built once the environment is up (so targets know real URLs). */
  load?: (env: StartedEnvironment) => ScenarioConfig[];
  /** k6 thresholds on the load (options.thresholds): abortOnFail stops the load early; submetrics here are also readable by load SLIs. */
  thresholds?: ThresholdsSpec;
  /** the timeline; default one phase "steady" as long as the load */
  phases?: PhaseSpec[];
  slos: Slo[];
}

export interface Scenario extends ScenarioSpec {
  readonly __archtdd: 'scenario';
}

export function defineScenario(spec: ScenarioSpec): Scenario {
  return { ...spec, __archtdd: 'scenario' };
}

export function isScenario(x: unknown): x is Scenario {
  return typeof x === 'object' && x !== null && (x as Scenario).__archtdd === 'scenario';
}

export type Validator = (scenario: Scenario) => ConfigIssue[];

/** Scenario validation is composed from validators (SLOs, environment, load, faults): one place to add one. */
const validators: Validator[] = [];
export function registerScenarioValidator(v: Validator): void {
  validators.push(v);
}

export function scenarioIssues(scenario: Scenario): ConfigIssue[] {
  return validators.flatMap((v) => v(scenario));
}

/** Throws one InvalidConfigError listing every problem of every scenario. */
export function assertValidScenarios(scenarios: Scenario[]): void {
  const issues = scenarios.flatMap(scenarioIssues);
  const ids = new Map<string, number>();
  for (const s of scenarios) ids.set(s.id, (ids.get(s.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) issues.push({ path: `scenario "${id}"`, message: `the id is used by ${n} scenarios.`, fix: 'Give each scenario a unique id.' });
  if (issues.length) throw new InvalidConfigError(issues);
}
