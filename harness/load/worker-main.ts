/** One worker thread: rebuilds its targets, runs its share of the plan, ships metric deltas (and Prometheus series when asked) every second. */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { getExecutor } from './executors/registry.js';
import type { ResolvedBase } from './executors/types.js';
import { ExportSeries } from './metrics/export-series.js';
import { initHdr } from './metrics/hdr.js';
import { MetricsRegistry } from './metrics/registry.js';
import { SeriesRecorder } from './metrics/series.js';
import { delayMs, RESOLUTION_MS } from './selfcheck.js';
import { Runner } from './runner.js';
import { http } from './targets/http.js';
import { moduleTarget } from './targets/module.js';
import type { Target, TargetSpec } from './types.js';
import type { WorkerInit, WorkerMessage } from './workers.js';

function rebuild(spec: TargetSpec): Target {
  return spec.kind === 'http' ? http(spec.options) : moduleTarget(spec.module, spec.export);
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  const port = parentPort!;
  const send = (m: WorkerMessage): void => port.postMessage(m);
  await initHdr();
  const registry = new MetricsRegistry(init.metrics);
  for (const s of init.submetrics) registry.submetric(s.metric, s.tags);
  const series = new SeriesRecorder(true);
  registry.onSample(series.onSample);
  const exported = init.exportSeries ? new ExportSeries() : undefined;
  if (exported) registry.onSample(exported.onSample);
  const abort = new AbortController();
  let start!: () => void;
  const started = new Promise<void>((resolve) => (start = resolve));
  port.on('message', (m: { type: string }) => {
    if (m.type === 'abort') abort.abort();
    if (m.type === 'start') start();
  });
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const elu0 = performance.eventLoopUtilization();
  const runner = new Runner(registry, { abort: abort.signal, scheduler: init.scheduler, maxStartLagMs: init.maxStartLagMs, vuIdBase: init.vuIdBase });
  const flush = (): void => {
    series.tick();
    const vus = { active: runner.stats.activeVus, max: runner.stats.maxVus };
    send({ type: 'delta', snapshot: registry.snapshot(), buckets: series.drain(), vus, exported: exported?.drain() });
    registry.reset();
  };
  const scenarios = init.scenarios.map((s) => {
    const def = getExecutor(s.executor)!;
    return { def, config: { ...s.config, target: rebuild(s.spec) } as ResolvedBase };
  });
  // Every thread loads its modules and targets first, then all start together.
  send({ type: 'ready' });
  await started;
  const ticker = setInterval(flush, 1000);
  try {
    await runner.run(scenarios);
  } finally {
    clearInterval(ticker);
    await Promise.allSettled(scenarios.map((s) => s.config.target?.close?.()));
  }
  series.finish();
  flush();
  delay.disable();
  send({
    type: 'done',
    stats: { scheduled: runner.stats.scheduled, dropped: runner.stats.dropped, interrupted: runner.stats.interrupted, errors: runner.stats.errors },
    startLag: runner.stats.startLag.snapshot(),
    elu: performance.eventLoopUtilization(elu0).utilization,
    delayP99Ms: delayMs(delay.percentile(99)),
  });
  registry.destroy();
  // The message listener must not keep the thread alive once its share is done.
  port.unref();
}

main().catch((e: unknown) => {
  parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
});
