/**
 * runLoad: validate everything, run the scenarios (in this thread or spread over worker
 * threads), evaluate thresholds (every second for abortOnFail, once at the end), check
 * the generator itself, and return one LoadResult.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { InvalidConfigError } from '../errors.js';
import { initHdr } from './metrics/hdr.js';
import type { MetricDeclaration } from './metrics/declarations.js';
import { MetricsRegistry } from './metrics/registry.js';
import { epochNow, SeriesRecorder, type SeriesPoint } from './metrics/series.js';
import { TrendSink } from './metrics/sinks.js';
import { planLoad, type LoadPlan, type ScenariosInput } from './plan.js';
import { startLoadMetricsServer, type LoadMetricsServer, type LoadPromExporter } from './prometheus.js';
import { toSummaryExport, type LoadResult } from './result.js';
import { Runner, type RunnerStats, type SchedulerMode } from './runner.js';
import { DEFAULT_LIMITS, SelfCheck, saturationReason, type SelfCheckLimits } from './selfcheck.js';
import { warmUpOnce } from './warmup.js';
import { attachThresholds, evaluateThreshold, type ThresholdResult, type ThresholdsSpec } from './thresholds.js';
import type { Target, TargetFn } from './types.js';

export interface RunLoadOptions {
  /** k6 thresholds: { 'http_req_duration': ['p(95)<100'], 'http_req_failed': [{ threshold: 'rate<0.01', abortOnFail: true }] } */
  thresholds?: ThresholdsSpec;
  /** Submetrics to aggregate besides those thresholds name, e.g. ['http_req_duration{status:200}']. */
  submetrics?: string[];
  /** Custom metrics that thresholds refer to (new Trend('x', true), ...). */
  metrics?: MetricDeclaration[];
  /** Default target for scenarios without exec. */
  exec?: Target | TargetFn;
  /** Serve the load metrics for Prometheus on this port during the run (0 = any free port). */
  metricsPort?: number;
  /** Or feed an already running metrics server (kept open after the run). */
  metricsServer?: LoadMetricsServer;
  /** Called with the metrics URL once the server listens. */
  onMetricsServer?: (url: string) => void;
  signal?: AbortSignal;
  /** Worker threads: 1 = this thread (default); 'auto' = one per core, for targets a worker can rebuild. */
  workers?: 'auto' | number;
  /** 'precise' (default), 'timer' or 'spin': see SchedulerMode in runner.ts. */
  scheduler?: SchedulerMode;
  /** An open-model iteration that could only start this late (ms) is dropped. Default 500. */
  maxStartLagMs?: number;
  /** Self-check limits that make `saturated` set. */
  limits?: Partial<SelfCheckLimits>;
  /** Trend stats in `metrics` (k6 --summary-trend-stats). Default avg,min,med,max,p(90),p(95),p(99). */
  summaryTrendStats?: string[];
  /** Leave targets open after the run (by default runLoad calls target.close()). */
  keepTargetsOpen?: boolean;
  /** Test hook: called every second with the elapsed ms. */
  onTick?: (elapsedMs: number) => void;
  /** Warm the engine up once per process before the first run (see warmup.ts). Default true. */
  warmUp?: boolean;
}

/** What a thread (this one or a worker) contributes when its scenarios end. */
export interface ExecutionOutcome {
  stats: Pick<RunnerStats, 'scheduled' | 'dropped' | 'interrupted' | 'errors'>;
  startLag: TrendSink;
  series: SeriesPoint[];
  threads: number;
  workerElu?: number;
  workerDelayP99Ms?: number;
}

/** Executes the plan somewhere and feeds `registry`; set by workers.ts for workers > 1. */
export type Execute = (
  plan: LoadPlan,
  registry: MetricsRegistry,
  ctx: { abort: AbortSignal; scheduler: SchedulerMode; maxStartLagMs: number; workers: number; exporter?: LoadPromExporter; vus: { active: number; max: number } },
) => Promise<ExecutionOutcome>;

let executeInWorkers: Execute | undefined;
export function setWorkerExecutor(e: Execute): void {
  executeInWorkers = e;
}

export async function runLoad(scenarios: ScenariosInput, opts: RunLoadOptions = {}): Promise<LoadResult> {
  const plan = planLoad(scenarios, { thresholds: opts.thresholds, metrics: opts.metrics, exec: opts.exec, submetrics: opts.submetrics });
  const workers = resolveWorkers(opts.workers, plan);
  await initHdr();
  // the warm-up exercises the HTTP path: only worth its ~50 ms when this thread runs an HTTP target
  const runsHttp = plan.scenarios.some((s) => (s.config.target as Target | undefined)?.kind === 'http');
  if (opts.warmUp !== false && workers === 1 && runsHttp) await warmUpOnce(runLoad);
  const registry = new MetricsRegistry(plan.metrics);
  attachThresholds(plan.thresholds, registry);
  for (const sub of plan.submetrics) registry.submetric(sub.metric, sub.tags);
  let server: LoadMetricsServer | undefined = opts.metricsServer;
  const ownServer = !server && opts.metricsPort !== undefined;
  if (ownServer) server = await startLoadMetricsServer({ port: opts.metricsPort! });
  if (server) {
    server.exporter.prepare(registry.all(), plan.scenarios.map((s) => s.config.name));
    registry.onSample(server.exporter.onSample);
    opts.onMetricsServer?.(server.url);
  }
  const abort = new AbortController();
  let aborted: string | undefined;
  const onSignal = (): void => {
    aborted ??= 'aborted by the caller (signal)';
    abort.abort();
  };
  if (opts.signal?.aborted) onSignal();
  opts.signal?.addEventListener('abort', onSignal, { once: true });

  const scheduler = opts.scheduler ?? 'precise';
  const selfCheck = new SelfCheck();
  const startedAt = epochNow();
  const t0 = performance.now();
  const vus = { active: 0, max: 0 };
  const vusEntry = registry.get('vus')!;
  const vusMaxEntry = registry.get('vus_max')!;
  const abortable = plan.thresholds.filter((t) => t.abortOnFail);
  let runner: Runner | undefined;
  const sampleVus = (): void => {
    if (runner) {
      vus.active = runner.stats.activeVus;
      vus.max = runner.stats.maxVus;
    }
    registry.add(vusEntry, vus.active);
    registry.add(vusMaxEntry, vus.max);
  };
  const series = workers === 1 ? new SeriesRecorder() : undefined;
  if (series) registry.onSample(series.onSample);
  const ticker = setInterval(() => {
    const elapsed = performance.now() - t0;
    sampleVus();
    series?.tick();
    for (const t of abortable) {
      if (elapsed < t.delayAbortEvalMs || abort.signal.aborted) continue;
      const r = evaluateThreshold(t, registry.sink(t.metric), elapsed);
      if (!r.ok && r.observed !== null) {
        aborted ??= `threshold "${t.source}" on ${t.metric} crossed with abortOnFail (observed ${r.observed.toFixed(3)} after ${(elapsed / 1000).toFixed(1)}s)`;
        abort.abort();
      }
    }
    opts.onTick?.(elapsed);
  }, 1000);

  let outcome: ExecutionOutcome;
  try {
    if (workers > 1) {
      outcome = await executeInWorkers!(plan, registry, {
        abort: abort.signal,
        scheduler,
        maxStartLagMs: opts.maxStartLagMs ?? 500,
        workers,
        exporter: server?.exporter,
        vus,
      });
      sampleVus(); // the workers' last counts (0 active): the gauge must not keep the last 1 s reading
    } else {
      runner = new Runner(registry, { abort: abort.signal, scheduler, maxStartLagMs: opts.maxStartLagMs ?? 500 });
      sampleVus();
      await runner.run(plan.scenarios);
      sampleVus();
      outcome = { stats: runner.stats, startLag: runner.stats.startLag, series: series!.finish(), threads: 1 };
    }
  } finally {
    clearInterval(ticker);
    opts.signal?.removeEventListener('abort', onSignal);
    if (!opts.keepTargetsOpen) {
      await Promise.allSettled([...new Set(plan.scenarios.map((s) => s.config.target))].map((t) => t?.close?.()));
    }
    if (ownServer) await server!.close();
  }
  const elapsedMs = performance.now() - t0;
  const finishedAt = epochNow();
  const report = selfCheck.stop({
    threads: outcome.threads,
    startLagP50Ms: outcome.startLag.percentile(50),
    startLagP99Ms: outcome.startLag.percentile(99),
    dropped: outcome.stats.dropped,
    scheduled: outcome.stats.scheduled,
    workerElu: outcome.workerElu,
    workerDelayP99Ms: outcome.workerDelayP99Ms,
  });
  outcome.startLag.destroy();
  const thresholds: ThresholdResult[] = plan.thresholds.map((t) => evaluateThreshold(t, registry.sink(t.metric), elapsedMs));
  const metrics = registry.summary(elapsedMs, opts.summaryTrendStats);
  const histograms: Record<string, string> = {};
  for (const m of registry.snapshot().metrics) {
    if (m.root.type === 'trend' && m.root.hdr) histograms[m.decl.name] = m.root.hdr;
    for (const s of m.subs) if (s.sink.type === 'trend' && s.sink.hdr) histograms[s.name] = s.sink.hdr;
  }
  registry.destroy();
  const saturated = saturationReason(report, { ...DEFAULT_LIMITS, ...opts.limits }, scheduler);
  const result: LoadResult = {
    startedAt,
    finishedAt,
    durationMs: elapsedMs,
    scenarios: plan.scenarios.map((s) => ({ name: s.config.name, executor: s.config.executor, description: s.description })),
    metrics,
    thresholds,
    thresholdsOk: thresholds.every((t) => t.ok),
    series: outcome.series,
    iterations: metrics.iterations?.values.count ?? 0,
    dropped: outcome.stats.dropped,
    interrupted: outcome.stats.interrupted,
    selfCheck: report,
    errors: outcome.stats.errors,
    histograms,
    workers,
    toSummaryExport: (trendStats) => toSummaryExport(result, trendStats),
  };
  if (saturated) result.saturated = saturated;
  if (aborted) result.aborted = aborted;
  return result;
}

function resolveWorkers(w: RunLoadOptions['workers'], plan: LoadPlan): number {
  if (w === undefined || w === 1) return 1;
  const portable = plan.scenarios.every((s) => s.config.target?.spec !== undefined);
  if (w === 'auto') return portable && executeInWorkers ? Math.max(1, availableParallelism()) : 1;
  const problems = [];
  if (!Number.isInteger(w) || w < 1) problems.push({ path: 'workers', message: `workers must be 'auto' or a whole number of 1 or more, but is ${JSON.stringify(w)}.`, fix: "Use workers: 'auto' or 2." });
  else if (!portable) {
    problems.push({
      path: 'workers',
      message: `workers: ${w} needs targets a worker thread can rebuild, but a scenario runs a plain function.`,
      fix: "Use http({ url }) or moduleTarget(import.meta.url, 'exportName'), or workers: 1.",
    });
  } else if (!executeInWorkers) problems.push({ path: 'workers', message: 'worker support is not loaded.', fix: "Import from 'harness/load/index.js'." });
  if (problems.length) throw new InvalidConfigError(problems);
  return w;
}
