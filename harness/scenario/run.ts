/**
 * Runs one scenario: owner -> environment (Prometheus first) -> load and timeline together ->
 * a settle wait so Prometheus has scraped the end of the run -> a ScenarioRun whose SLOs can be
 * evaluated while the environment is still up -> dispose releases everything in reverse order.
 */
import { hostname } from 'node:os';
import { ArchtddError, EnvironmentStartError } from '../errors.js';
import { startEnvironment, type StartedEnvironment } from '../environment/start.js';
import type { PhaseRecord, ScenarioRecord, SloRecord, TimeWindow, RuntimeKind } from '../journal/schema.js';
import { errorRatioSeries } from '../slo/measures.js';
import type { ScenarioRunFacts } from '../journal/meta.js';
import { createOwner, installSignalCleanup, type Owner } from '../runtime/owner.js';
import { freePort } from '../runtime/ports.js';
import { LOOPBACK } from '../runtime/types.js';
import { evaluateSlo } from '../slo/evaluate.js';
import type { Slo } from '../slo/define.js';
import type { Scenario } from './define.js';
import { loadOutcome } from './load-adapter.js';
import { runLoad, startLoadMetricsServer, type LoadMetricsServer } from '../load/index.js';
import { currentProfile } from './profile.js';
import { runTimeline, totalDurationMs } from './timeline.js';
import type { LoadOutcome, ScenarioRunView } from './view.js';
import { runtimeOptions } from './runtime-options.js';

export interface ScenarioRun extends AsyncDisposable {
  readonly record: ScenarioRecord;
  readonly facts: ScenarioRunFacts;
  /** undefined when the environment did not start */
  readonly view?: ScenarioRunView;
  /** The error that stopped the scenario, if any. */
  readonly error?: Error;
  evaluate(slo: Slo): Promise<SloRecord>;
}

export async function runScenario(scenario: Scenario, options: { file?: string; runtime?: RuntimeKind } = {}): Promise<ScenarioRun> {
  const startedAt = new Date();
  const rt = await runtimeOptions(options.runtime);
  const owner: Owner = await createOwner();
  // Ctrl-C or a SIGTERM from the test runner: stop every server and remove temp dirs, then end this
  // process for real (vitest intercepts process.exit in its workers, which would leave this worker
  // running, orphaned). A SIGKILL is covered by pdeathsig and the next run's reaper.
  const uninstall = installSignalCleanup(owner, undefined, () => process.kill(process.pid, 'SIGKILL'));
  const harnessIssues: string[] = [];
  const invalidating: string[] = [];
  const record: ScenarioRecord = {
    id: scenario.id,
    title: scenario.title,
    ...(options.file ? { file: options.file } : {}),
    status: 'completed',
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    components: [],
    phases: [],
    faults: [],
    series: [],
    harnessIssues,
  };
  const facts: ScenarioRunFacts = { runtime: rt.runtime, profile: currentProfile(), versions: { node: process.versions.node } };
  if (process.env.ARCHTDD_SEED) facts.seed = Number(process.env.ARCHTDD_SEED);
  let env: StartedEnvironment | undefined;
  let view: ScenarioRunView | undefined;
  let error: Error | undefined;
  try {
    const metricsPort = scenario.load ? await freePort() : undefined;
    let metricsServer: LoadMetricsServer | undefined;
    if (metricsPort !== undefined) {
      const server = await startLoadMetricsServer({ port: metricsPort, host: LOOPBACK });
      metricsServer = server;
      owner.defer('load metrics server', () => server.close());
    }
    env = await startEnvironment(scenario.environment, {
      runtime: rt.runtime,
      owner,
      ...(rt.external ? { external: rt.external } : {}),
      ...(rt.runtimeState !== undefined ? { runtimeState: rt.runtimeState } : {}),
      ...(facts.seed !== undefined ? { seed: facts.seed } : {}),
      extraTargets: metricsPort !== undefined ? [{ job: 'archtdd_load', targets: [{ host: LOOPBACK, port: metricsPort }] }] : [],
    });
    owner.defer('reset links', async () => {
      await env?.linkProvider?.resetAll().catch(() => undefined);
    });
    Object.assign(facts.versions, env.versions());
    for (const c of env.components.values()) {
      record.components.push({
        name: c.name,
        kind: c.kind,
        version: c.version,
        runtime: c.runtime,
        endpoint: withoutPassword(c.urlFor()),
        ...(c.note ? { note: c.note } : {}),
      });
      // a substitution is a component that could not run on the chosen runtime (e.g. kafka: local mock, no image)
      if (c.note && c.runtime !== rt.runtime) (facts.substitutions ??= {})[c.name] = c.note;
    }
    if (env.linkProvider) facts.versions['proxy'] = env.linkProvider.description;

    const abort = new AbortController();
    const phases = scenario.phases ?? [];
    const loadConfigs = scenario.load?.(env);
    const loadStart = Date.now();
    const [load, timeline] = await Promise.all([
      loadConfigs
        ? runLoad(loadConfigs, { signal: abort.signal, submetrics: loadSubmetrics(scenario), ...(scenario.thresholds ? { thresholds: scenario.thresholds } : {}), ...(metricsServer ? { metricsServer } : {}) }).then(loadOutcome)
        : Promise.resolve(undefined as LoadOutcome | undefined),
      runTimeline(env, phases, abort.signal),
    ]);
    const loadEnd = Date.now();
    record.phases = timeline.phases.length ? timeline.phases : [{ phase: 'steady', start: loadStart, end: loadEnd }];
    record.faults = timeline.faults;
    if (load) {
      record.load = load.summary;
      record.series.push(...load.series);
      if (load.summary.saturated) harnessIssues.push(`load generator: ${load.summary.saturated}`);
    }
    const degraded = degradedBeforeFaults(phases, record.phases, load);
    if (degraded) {
      harnessIssues.push(degraded);
      invalidating.push(degraded);
    }
    for (const f of record.faults) if (!f.observed) harnessIssues.push(`fault ${f.kind} on ${f.target} not observed: ${f.observation ?? ''}`);
    if (phases.length && load) {
      const planned = totalDurationMs(phases);
      const loadMs = load.window.end - load.window.start;
      if (loadMs < planned * 0.9) harnessIssues.push(`the load lasted ${loadMs} ms but the phases last ${planned} ms: make the load cover the timeline`);
    }
    // Let Prometheus scrape the end of the run (two intervals and a margin).
    await new Promise((r) => setTimeout(r, env!.scrapeIntervalSeconds * 2000 + 500));
    const runWindow: TimeWindow = load ? { ...load.window, phase: 'run' } : { start: record.phases[0]!.start, end: record.phases.at(-1)!.end, phase: 'run' };
    const phaseRecords = record.phases;
    view = {
      env,
      phases: phaseRecords,
      faults: record.faults,
      ...(load ? { load } : {}),
      window(w) {
        if (w === 'run') return runWindow;
        const p = phaseRecords.find((x) => x.phase === w.phase);
        if (!p) throw new EnvironmentStartError(`No phase "${w.phase}" was run.`);
        return p;
      },
    };
  } catch (e) {
    error = e as Error;
    record.status = e instanceof ArchtddError && e.exitCode === 2 ? 'environment-failed' : 'aborted';
    record.error = e instanceof ArchtddError ? e.describe() : String((e as Error)?.stack ?? e);
  }
  record.finishedAt = new Date().toISOString();
  const logDir = owner.logDir;
  return {
    record,
    facts,
    ...(view ? { view } : {}),
    ...(error ? { error } : {}),
    async evaluate(slo) {
      if (!view) throw error ?? new Error('the scenario did not run');
      const r = await evaluateSlo(slo, scenario.id, view, harnessIssues, invalidating);
      if (r.verdict !== 'PASS') r.evidence.logDir = logDir;
      r.evidence.host = hostname();
      return r;
    },
    async [Symbol.asyncDispose]() {
      uninstall();
      await owner.dispose();
    },
  };
}

/** Steady state before the method (chaostoolkit): more than 5% failing reads before the first fault voids the experiment. */
export function degradedBeforeFaults(spec: Scenario['phases'], ran: PhaseRecord[], load: LoadOutcome | undefined): string | undefined {
  const firstFault = (spec ?? []).findIndex((p) => (p.faults ?? []).length > 0);
  if (firstFault <= 0 || !load) return undefined;
  const before = ran.slice(0, firstFault);
  const points = errorRatioSeries(load.series).filter((p) => before.some((ph) => p.t >= ph.start && p.t + 1000 <= ph.end));
  const total = points.reduce((n, p) => n + p.total, 0);
  const errors = points.reduce((n, p) => n + p.ratio * p.total, 0);
  if (total === 0) return `no load completed before the first fault, so the steady state was never shown`;
  const ratio = errors / total;
  return ratio > 0.05 ? `the system was already degraded before the first fault: ${(ratio * 100).toFixed(1)}% of ${total} iterations failed in ${before.map((p) => p.phase).join(', ')}` : undefined;
}

/** Connection URLs go into reports: never with a password. */
function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Submetrics that load SLIs read (e.g. http_req_duration{scenario:delayed}): the engine keeps a sink for each. */
function loadSubmetrics(scenario: Scenario): string[] {
  return scenario.slos.flatMap((s) => (s.sli.kind === 'load' && s.sli.metric.includes('{') ? [s.sli.metric] : []));
}
