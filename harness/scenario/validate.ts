/**
 * The scenario validators: shape and meaning of every field, one sentence per rule,
 * every problem at once (as k6's Validate() and chaostoolkit's validation do).
 */
import { InvalidConfigError, type ConfigIssue } from '../errors.js';
import type { StartedEnvironment } from '../environment/start.js';
import { planLoad } from '../load/plan.js';
import { validateEnvironment } from '../environment/define.js';
import { parseDuration } from '../load/duration.js';
import { checkPromql } from '../promql/check.js';
import type { Slo } from '../slo/define.js';
import { parseThreshold, ThresholdSyntaxError, validateThresholdForMetric, type MetricType } from '../thresholds/index.js';
import { registerScenarioValidator, type PhaseDuration, type Scenario } from './define.js';
import { phaseDurationMs, currentProfile } from './profile.js';

const LAYERS = ['business', 'application', 'infrastructure'];
const ID = /^[a-z0-9][a-z0-9._-]*$/;

/** k6's built-in metrics and their types. */
export const LOAD_METRIC_TYPES: Record<string, MetricType> = {
  http_req_duration: 'trend',
  http_req_waiting: 'trend',
  iteration_duration: 'trend',
  http_req_failed: 'rate',
  checks: 'rate',
  http_reqs: 'counter',
  iterations: 'counter',
  dropped_iterations: 'counter',
  data_sent: 'counter',
  data_received: 'counter',
  vus: 'gauge',
  vus_max: 'gauge',
};

export function sloIssues(slo: Slo, scenario: Scenario): ConfigIssue[] {
  const at = (f: string) => `slo "${slo.id}".${f}`;
  const issues: ConfigIssue[] = [];
  if (!ID.test(slo.id ?? '')) issues.push({ path: `slo "${slo.id}"`, message: 'the id must be lower-case letters, digits, ".", "_" or "-".', fix: 'e.g. "catalog-p95".' });
  if (!slo.title?.trim()) issues.push({ path: at('title'), message: 'is empty.', fix: 'Say in a few words what is promised.' });
  if (!slo.hypothesis?.trim()) issues.push({ path: at('hypothesis'), message: 'is empty.', fix: 'State the promise as one sentence that can be false.' });
  if (!LAYERS.includes(slo.layer)) issues.push({ path: at('layer'), message: `is "${slo.layer}".`, fix: `Use one of ${LAYERS.join(', ')}.` });
  if (slo.mode !== 'gate' && slo.mode !== 'baseline') issues.push({ path: at('mode'), message: `is "${slo.mode}".`, fix: 'Use "gate" (fails the run) or "baseline" (records only).' });
  if (!Number.isInteger(slo.repeat) || slo.repeat < 1 || slo.repeat > 50) issues.push({ path: at('repeat'), message: `is ${slo.repeat}.`, fix: 'Use a whole number from 1 to 50.' });
  let threshold;
  try {
    threshold = parseThreshold(slo.objective);
  } catch (e) {
    if (!(e instanceof ThresholdSyntaxError)) throw e;
    issues.push({ path: at('objective'), message: `${e.detail}.`.replace(/\.\.$/, '.'), fix: 'Write it in k6 threshold grammar, e.g. "p(95)<50ms" or "value<0.01".' });
  }
  const sli = slo.sli;
  if (!sli || typeof sli !== 'object') {
    issues.push({ path: at('sli'), message: 'is missing.', fix: 'Use Sli.promql(...), Sli.load(...) or Sli.measure(...).' });
  } else if (sli.kind === 'promql') {
    for (const p of checkPromql(sli.query)) issues.push({ path: at('sli.query'), message: `PromQL ${p.message}.`, fix: 'Check the query in the Prometheus UI; use $window for the SLO window.' });
    if (threshold && !['value', 'rate'].includes(threshold.aggregation)) {
      issues.push({ path: at('objective'), message: `"${threshold.aggregation}" does not apply to a PromQL SLI, which is already one number.`, fix: 'Aggregate in PromQL and write "value<X" (or "rate<X" for a ratio).' });
    }
  } else if (sli.kind === 'load') {
    if (!scenario.load) issues.push({ path: at('sli'), message: `reads the load metric "${sli.metric}" but the scenario has no load.`, fix: 'Add load to the scenario or use a PromQL SLI.' });
    const base = sli.metric.replace(/\{.*\}$/, '');
    const type = LOAD_METRIC_TYPES[base];
    if (!type) issues.push({ path: at('sli.metric'), message: `"${sli.metric}" is not a built-in load metric.`, fix: `Use one of ${Object.keys(LOAD_METRIC_TYPES).join(', ')} (submetrics as name{tag:value}).` });
    else if (threshold) {
      const problem = validateThresholdForMetric(threshold, type);
      if (problem) issues.push({ path: at('objective'), message: problem, fix: 'Change the aggregation to one the metric type has.' });
    }
  } else if (sli.kind === 'measure') {
    if (typeof sli.measure !== 'function') issues.push({ path: at('sli.measure'), message: 'is not a function.', fix: 'Pass (run) => ({ value }).' });
  } else {
    issues.push({ path: at('sli.kind'), message: `is "${(sli as { kind: string }).kind}".`, fix: 'Use Sli.promql, Sli.load or Sli.measure.' });
  }
  if (slo.window !== 'run') {
    const names = (scenario.phases ?? []).map((p) => p.name);
    if (typeof slo.window !== 'object' || !names.includes(slo.window.phase)) {
      issues.push({ path: at('window'), message: `names phase "${(slo.window as { phase?: string })?.phase}", which the scenario does not have${names.length ? ` (have: ${names.join(', ')})` : ''}.`, fix: 'Use "run" or { phase: <one of the phases> }.' });
    }
  }
  return issues;
}

function durationIssue(path: string, d: PhaseDuration): ConfigIssue | undefined {
  const ms = phaseDurationMs(d, currentProfile());
  if (ms === undefined || ms <= 0) return { path, message: `${typeof d === "string" ? `"${d}"` : JSON.stringify(d)} is not a positive duration.`, fix: 'Use e.g. "20s", "2m", 1500, or { quick: "10s", full: "60s" }.' };
  return undefined;
}

registerScenarioValidator((s) => {
  const issues: ConfigIssue[] = [];
  const at = `scenario "${s.id}"`;
  if (!ID.test(s.id ?? '')) issues.push({ path: at, message: 'the id must be lower-case letters, digits, ".", "_" or "-".', fix: 'e.g. "catalog-steady".' });
  if (!s.title?.trim()) issues.push({ path: `${at}.title`, message: 'is empty.', fix: 'Name the scenario.' });
  issues.push(...validateEnvironment(s.environment, `${at}.environment`));
  if (!Array.isArray(s.slos) || s.slos.length === 0) issues.push({ path: `${at}.slos`, message: 'is empty: a scenario without SLOs judges nothing.', fix: 'Add at least one defineSlo(...).' });
  const seen = new Set<string>();
  for (const slo of s.slos ?? []) {
    if (seen.has(slo.id)) issues.push({ path: `slo "${slo.id}"`, message: 'the id is used twice in this scenario.', fix: 'Give each SLO a unique id.' });
    seen.add(slo.id);
    issues.push(...sloIssues(slo, s));
  }
  return issues;
});

registerScenarioValidator((s) => {
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  const components = new Map((s.environment?.components ?? []).map((c) => [c.name, c]));
  (s.phases ?? []).forEach((p, i) => {
    const at = `scenario "${s.id}".phases[${i}]`;
    if (!p.name?.trim()) issues.push({ path: `${at}.name`, message: 'is empty.', fix: 'Name it, e.g. "baseline", "fault", "recovery".' });
    if (names.has(p.name)) issues.push({ path: `${at}.name`, message: `"${p.name}" is used twice.`, fix: 'Give each phase a unique name.' });
    names.add(p.name);
    const d = durationIssue(`${at}.duration`, p.duration);
    if (d) issues.push(d);
    (p.faults ?? []).forEach((f, j) => {
      const fat = `${at}.faults[${j}]`;
      if (!f.fault || typeof f.fault.apply !== 'function') {
        issues.push({ path: `${fat}.fault`, message: 'is not a fault.', fix: 'Use a factory such as Fault.latency({ latencyMs: 200 }).' });
        return;
      }
      for (const m of f.fault.validate?.() ?? []) issues.push({ path: `${fat}.fault`, message: m });
      if (f.fault.targetKind === 'link') {
        const [from, to] = f.target.split('->');
        if (!from || !to || !components.get(from)?.dependsOn.includes(to.replace(/#\d+$/, ''))) {
          issues.push({ path: `${fat}.target`, message: `"${f.target}" is not a dependency edge of this environment.`, fix: 'Name a link as "<service>-><dependency>", where the service dependsOn the dependency.' });
        }
      } else if (!components.has(f.target)) {
        issues.push({ path: `${fat}.target`, message: `"${f.target}" is not a component of this environment.`, fix: `Use one of ${[...components.keys()].join(', ')}.` });
      }
      for (const [k, v] of [['at', f.at], ['for', f.for]] as const) {
        if (v !== undefined && parseDuration(v) === undefined) issues.push({ path: `${fat}.${k}`, message: `"${v}" is not a duration.`, fix: 'Use e.g. "5s".' });
      }
    });
  });
  return issues;
});

/** Load: built against placeholder endpoints (the shape is what is checked), then planned as runLoad would. */
registerScenarioValidator((s) => {
  if (!s.load) return [];
  const at = `scenario "${s.id}".load`;
  let configs;
  try {
    configs = s.load(placeholderEnvironment());
  } catch (e) {
    return [{ path: at, message: `building the load failed: ${(e as Error).message}.`, fix: 'The load function may only read env.url(name) and env.component(name).' }];
  }
  try {
    planLoad(configs, s.thresholds ? { thresholds: s.thresholds } : {});
    return [];
  } catch (e) {
    if (e instanceof InvalidConfigError) return e.issues.map((i) => ({ ...i, path: `${at}.${i.path}` }));
    return [{ path: at, message: (e as Error).message }];
  } finally {
    for (const c of configs) if (c.exec && typeof c.exec === 'object') void c.exec.close?.();
  }
});

/** An environment stand-in for validation: every URL points at a closed port. */
function placeholderEnvironment(): StartedEnvironment {
  const endpoint = { host: '127.0.0.1', port: 9 };
  const component = (name: string) => ({ name, kind: name, runtime: 'local', version: '', endpoint, endpoints: { main: endpoint }, urlFor: () => 'http://127.0.0.1:9', stop: async () => undefined });
  return {
    runtime: 'local',
    url: () => 'http://127.0.0.1:9',
    component,
    components: new Map(),
    links: new Map(),
    jobs: [],
    scrapeIntervalSeconds: 1,
    versions: () => ({}),
  } as unknown as StartedEnvironment;
}
