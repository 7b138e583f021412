/**
 * Both cores: the plan is split across worker threads (k6-style execution segments:
 * arrival rates striped, VUs shared out), each thread runs its share with its own event
 * loop and sends metric deltas every second; the main thread merges them (HDR histograms
 * add exactly), evaluates thresholds and serves Prometheus. Only targets a worker can
 * rebuild (http(), moduleTarget()) can run in workers.
 *
 * Prometheus sees the same series as in a single-thread run: when a metrics server is
 * on, each worker also buckets its samples into an ExportSeries (same labels: scenario,
 * status, method; same histogram bounds) and posts its changes with each delta; the main
 * thread adds them to the exporter. Counts are exact; a scrape lags at most one second.
 */
import { Worker } from 'node:worker_threads';
import { TrendSink } from './metrics/sinks.js';
import type { BucketSnapshot } from './metrics/series.js';
import { mergeBuckets } from './metrics/series.js';
import type { RegistrySnapshot } from './metrics/registry.js';
import { setWorkerExecutor, type Execute, type ExecutionOutcome } from './run.js';
import type { SinkSnapshot } from './metrics/sinks.js';
import type { ResolvedBase } from './executors/types.js';
import type { MetricDeclaration } from './metrics/declarations.js';
import type { TargetSpec } from './types.js';
import type { ExportDelta } from './metrics/export-series.js';
import type { SchedulerMode } from './runner.js';

export interface WorkerInit {
  index: number;
  scenarios: Array<{ executor: string; config: Omit<ResolvedBase, 'target'>; spec: TargetSpec }>;
  metrics: MetricDeclaration[];
  submetrics: Array<{ metric: string; tags: Record<string, string> }>;
  scheduler: SchedulerMode;
  maxStartLagMs: number;
  vuIdBase: number;
  /** Keep Prometheus-shaped series (a metrics server is on). */
  exportSeries: boolean;
}

export type WorkerMessage =
  | { type: 'delta'; snapshot: RegistrySnapshot; buckets: BucketSnapshot[]; vus: { active: number; max: number }; exported?: ExportDelta }
  | { type: 'done'; stats: ExecutionOutcome['stats']; startLag: SinkSnapshot; elu: number; delayP99Ms: number }
  | { type: 'ready' }
  | { type: 'error'; message: string };

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

export const executeInWorkers: Execute = async (plan, registry, ctx) => {
  const n = ctx.workers;
  const inits: WorkerInit[] = [];
  let vuIdBase = 1;
  for (let i = 0; i < n; i++) {
    const scenarios = plan.scenarios.map((s) => {
      const share = s.def.split(s.config, i, n);
      const { target: _target, ...config } = share;
      return { executor: s.def.name, config, spec: s.config.target!.spec! };
    });
    const submetrics: WorkerInit['submetrics'] = [];
    for (const e of registry.all()) for (const s of e.subs) submetrics.push({ metric: e.decl.name, tags: s.tags });
    inits.push({ index: i, scenarios, metrics: plan.metrics, submetrics, scheduler: ctx.scheduler, maxStartLagMs: ctx.maxStartLagMs, vuIdBase, exportSeries: ctx.exporter !== undefined });
    vuIdBase += plan.scenarios.reduce((sum, s) => sum + s.def.maxVUs(s.def.split(s.config, i, n)), 0);
  }
  const vusByWorker = inits.map(() => ({ active: 0, max: 0 }));
  const buckets: BucketSnapshot[] = [];
  const startLag = new TrendSink();
  const total: ExecutionOutcome = {
    stats: { scheduled: 0, dropped: 0, interrupted: 0, errors: [] },
    startLag,
    series: [],
    threads: n,
    workerElu: 0,
    workerDelayP99Ms: 0,
  };
  const failures: string[] = [];
  const workers = inits.map((init) => new Worker(ENTRY, { workerData: init }));
  const onAbort = (): void => workers.forEach((w) => w.postMessage({ type: 'abort' }));
  let ready = 0;
  const onReady = (): void => {
    if (++ready === workers.length) workers.forEach((w) => w.postMessage({ type: 'start' }));
  };
  ctx.abort.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(
      workers.map(
        (w, i) =>
          new Promise<void>((resolve) => {
            w.on('message', (m: WorkerMessage) => {
              if (m.type === 'delta') {
                registry.merge(m.snapshot);
                if (m.exported) ctx.exporter?.apply(m.exported);
                buckets.push(...m.buckets);
                vusByWorker[i] = m.vus;
                ctx.vus.active = vusByWorker.reduce((s, v) => s + v.active, 0);
                ctx.vus.max = vusByWorker.reduce((s, v) => s + v.max, 0);
              } else if (m.type === 'done') {
                total.stats.scheduled += m.stats.scheduled;
                total.stats.dropped += m.stats.dropped;
                total.stats.interrupted += m.stats.interrupted;
                for (const e of m.stats.errors) if (total.stats.errors.length < 5 && !total.stats.errors.includes(e)) total.stats.errors.push(e);
                startLag.merge(m.startLag);
                total.workerElu = Math.max(total.workerElu ?? 0, m.elu);
                total.workerDelayP99Ms = Math.max(total.workerDelayP99Ms ?? 0, m.delayP99Ms);
              } else if (m.type === 'ready') {
                onReady();
              } else if (m.type === 'error') {
                failures.push(`worker ${i}: ${m.message}`);
              }
            });
            w.once('error', (e) => {
              failures.push(`worker ${i}: ${e.message}`);
              onReady();
              resolve();
            });
            w.once('exit', () => resolve());
          }),
      ),
    );
  } finally {
    ctx.abort.removeEventListener('abort', onAbort);
  }
  if (failures.length) total.stats.errors.push(...failures.slice(0, 5));
  total.series = mergeBuckets(buckets);
  return total;
};

setWorkerExecutor(executeInWorkers);
