/**
 * Fault overrides for local chaos reruns: `archtdd chaos catalog-edge --fault down` or
 * `--fault latency.latencyMs=300` or `--fault catalog->redis:latency.latencyMs=300`.
 * Passed to the vitest worker as ARCHTDD_FAULT_OVERRIDES (JSON) and applied before the run.
 */
import { InvalidConfigError, type ConfigIssue } from '../errors.js';
import { faultFactory, faultKinds } from '../faults/types.js';
import type { Scenario } from './define.js';

export interface FaultOverride {
  /** only steps on this target, when given */
  target?: string;
  /** the fault kind to match (and rebuild) */
  kind: string;
  params: Record<string, unknown>;
}

const OVERRIDE = /^(?:([^:]+):)?([a-z_-]+)(?:\.([a-zA-Z]+=[^,]+(?:,[a-zA-Z]+=[^,]+)*))?$/;

/** Parse "[target:]kind[.param=value[,param=value]]" into an override. */
export function parseFaultOverride(text: string): FaultOverride {
  const m = OVERRIDE.exec(text.trim());
  if (!m) {
    throw new InvalidConfigError([{ path: `--fault "${text}"`, message: 'is not "[target:]kind[.param=value,...]".', fix: 'e.g. --fault latency.latencyMs=300 or --fault catalog->redis:down.' }]);
  }
  const params: Record<string, unknown> = {};
  for (const part of (m[3] ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=') as [string, string];
    params[k] = Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return { ...(m[1] ? { target: m[1] } : {}), kind: m[2]!, params };
}

/** A copy of the scenario with matching fault steps rebuilt with the overridden parameters. */
export function applyFaultOverrides(scenario: Scenario, overrides: FaultOverride[]): Scenario {
  if (!overrides.length) return scenario;
  const issues: ConfigIssue[] = [];
  const used = new Set<FaultOverride>();
  const phases = (scenario.phases ?? []).map((p) => ({
    ...p,
    faults: (p.faults ?? []).map((step) => {
      // With a target, the step on that target is replaced (possibly by another kind); without, steps of that kind are.
      const o = overrides.find((x) => (x.target ? x.target === step.target : x.kind === step.fault.kind));
      if (!o) return step;
      used.add(o);
      const factory = faultFactory(o.kind);
      if (!factory) {
        issues.push({ path: `--fault ${o.kind}`, message: 'names no registered fault kind.', fix: `Use one of ${faultKinds().join(', ')}.` });
        return step;
      }
      const base = o.kind === step.fault.kind ? step.fault.params : {};
      return { ...step, fault: factory({ ...base, ...o.params }) };
    }),
  }));
  for (const o of overrides) {
    if (!used.has(o)) issues.push({ path: `--fault ${o.target ? `${o.target}:` : ''}${o.kind}`, message: `matches no fault step of scenario "${scenario.id}".`, fix: 'Run "archtdd chaos --list" to see its faults.' });
  }
  if (issues.length) throw new InvalidConfigError(issues);
  return { ...scenario, phases };
}

export function overridesFromEnv(): FaultOverride[] {
  const raw = process.env.ARCHTDD_FAULT_OVERRIDES;
  return raw ? (JSON.parse(raw) as FaultOverride[]) : [];
}
