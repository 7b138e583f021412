/**
 * `archtdd load`: one scenario against one URL, like `k6 run` with flags.
 *
 *   archtdd load --url http://127.0.0.1:8080/ --executor constant-arrival-rate --rate 200 \
 *     --duration 20s --pre-allocated-vus 20 --max-vus 100 \
 *     --threshold 'http_req_duration=p(95)<100' --threshold 'http_req_failed=rate<0.01' \
 *     --summary-export summary.json --summary-trend-stats 'avg,min,med,max,p(90),p(95),p(99)'
 *
 * Exit codes follow k6 (scripts written for k6 keep working):
 *   0   ran, every threshold held
 *   99  a threshold was crossed (also when abortOnFail stopped the run)         k6 ThresholdsHaveFailed
 *   104 invalid configuration (nothing was started)                               k6 InvalidConfig
 *   105 interrupted (SIGINT/SIGTERM)                                              k6 ExternalAbort
 * A saturated generator prints a warning line; add --fail-on-saturation to exit 99 then too.
 */
import { writeFile } from 'node:fs/promises';
import type { CAC } from 'cac';
import { InvalidConfigError, type ConfigIssue } from '../errors.js';
import { runLoad } from './run.js';
import { SCHEDULERS, type SchedulerMode } from './runner.js';
import { http } from './targets/http.js';
import { formatTextSummary } from './text-summary.js';
import type { ThresholdsSpec } from './thresholds.js';
import type { ScenarioConfig } from './types.js';

export const LoadExitCode = { ok: 0, thresholdsFailed: 99, invalidConfig: 104, interrupted: 105 } as const;

export interface LoadCommandOptions {
  url?: string;
  method?: string;
  header?: string | string[];
  body?: string;
  timeout?: number;
  executor?: string;
  rate?: number;
  timeUnit?: string;
  duration?: string;
  vus?: number;
  iterations?: number;
  preAllocatedVus?: number;
  maxVus?: number;
  threshold?: string | string[];
  summaryExport?: string;
  summaryTrendStats?: string;
  workers?: string | number;
  scheduler?: string;
  metricsPort?: number;
  failOnSaturation?: boolean;
}

export interface LoadCommandIo {
  out(text: string): void;
  err(text: string): void;
  signal?: AbortSignal;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Builds the scenario and thresholds from flags; all flag problems at once. */
export function scenarioFromFlags(o: LoadCommandOptions): { scenario: ScenarioConfig; thresholds: ThresholdsSpec; trendStats: string[] } {
  const issues: ConfigIssue[] = [];
  if (!o.url) issues.push({ path: '--url', message: 'no URL was given.', fix: 'Pass --url http://127.0.0.1:PORT/path.' });
  else if (!/^https?:\/\//.test(o.url)) issues.push({ path: '--url', message: `"${o.url}" is not an http(s) URL.`, fix: 'Pass --url http://host:port/path.' });
  const headers: Record<string, string> = {};
  for (const h of list(o.header)) {
    const i = h.indexOf(':');
    if (i <= 0) issues.push({ path: '--header', message: `"${h}" is not "Name: value".`, fix: "Write --header 'content-type: application/json'." });
    else headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  const thresholds: Record<string, string[]> = {};
  for (const t of list(o.threshold)) {
    const i = t.indexOf('=');
    if (i <= 0) {
      issues.push({ path: '--threshold', message: `"${t}" is not metric=expression.`, fix: "Write --threshold 'http_req_duration=p(95)<100'." });
      continue;
    }
    (thresholds[t.slice(0, i).trim()] ??= []).push(t.slice(i + 1).trim());
  }
  const executor = o.executor ?? (o.rate !== undefined ? 'constant-arrival-rate' : o.iterations !== undefined ? 'shared-iterations' : 'constant-vus');
  const raw: Record<string, unknown> = { executor };
  const put = (key: string, v: unknown): void => {
    if (v !== undefined) raw[key] = v;
  };
  if (executor.endsWith('arrival-rate')) {
    put('timeUnit', o.timeUnit);
    put('preAllocatedVUs', o.preAllocatedVus ?? o.vus ?? (o.rate !== undefined ? Math.max(1, Math.ceil(o.rate / 10)) : undefined));
    put('maxVUs', o.maxVus);
    if (executor === 'constant-arrival-rate') {
      put('rate', o.rate);
      put('duration', o.duration);
    } else if (o.rate !== undefined && o.duration !== undefined) {
      raw.stages = [{ duration: o.duration, target: o.rate }];
    }
  } else {
    put('vus', o.vus);
    put('duration', o.duration);
    put('iterations', o.iterations);
  }
  if (issues.length) throw new InvalidConfigError(issues);
  raw.exec = http({ url: o.url!, method: o.method ?? 'GET', headers, body: o.body, timeoutMs: o.timeout });
  const trendStats = (o.summaryTrendStats ?? 'avg,min,med,max,p(90),p(95)').split(',').map((s) => s.trim()).filter(Boolean);
  return { scenario: raw as unknown as ScenarioConfig, thresholds, trendStats };
}

/** The command's work, separate from cac so tests call it directly. Returns the exit code. */
export async function runLoadCommand(o: LoadCommandOptions, io: LoadCommandIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  let result;
  let trendStats: string[];
  try {
    const built = scenarioFromFlags(o);
    trendStats = built.trendStats;
    for (const s of trendStats) {
      if (!/^(avg|min|med|max|count|p\(\d+(\.\d+)?\))$/.test(s)) {
        throw new InvalidConfigError([{ path: '--summary-trend-stats', message: `"${s}" is not a trend stat.`, fix: 'Use avg, min, med, max, count or p(N).' }]);
      }
    }
    if (o.scheduler !== undefined && !SCHEDULERS.includes(o.scheduler as SchedulerMode)) {
      throw new InvalidConfigError([{ path: '--scheduler', message: `"${o.scheduler}" is not a scheduler.`, fix: `Use ${SCHEDULERS.join(', ')}.` }]);
    }
    const workers = o.workers === undefined ? undefined : o.workers === 'auto' ? 'auto' : Number(o.workers);
    result = await runLoad(built.scenario, {
      thresholds: built.thresholds,
      summaryTrendStats: trendStats,
      workers,
      scheduler: o.scheduler as SchedulerMode | undefined,
      metricsPort: o.metricsPort,
      signal: io.signal,
      onMetricsServer: (url) => io.err(`load metrics for Prometheus: ${url}\n`),
    });
  } catch (e) {
    if (e instanceof InvalidConfigError) {
      io.err(`archtdd load: ${e.describe()}\n`);
      return LoadExitCode.invalidConfig;
    }
    throw e;
  }
  io.out(`${formatTextSummary(result, trendStats)}\n`);
  if (o.summaryExport) {
    await writeFile(o.summaryExport, JSON.stringify(result.toSummaryExport(trendStats), null, 4));
  }
  if (result.aborted && !result.aborted.startsWith('threshold')) {
    io.err(`archtdd load: ${result.aborted}\n`);
    return LoadExitCode.interrupted;
  }
  if (!result.thresholdsOk) {
    io.err(`archtdd load: thresholds on metrics '${[...new Set(result.thresholds.filter((t) => !t.ok).map((t) => t.metric))].join("', '")}' have been crossed\n`);
    return LoadExitCode.thresholdsFailed;
  }
  if (result.saturated && o.failOnSaturation) return LoadExitCode.thresholdsFailed;
  return LoadExitCode.ok;
}

export function registerLoadCommand(cli: CAC): void {
  cli
    .command('load', 'Run one load scenario against a URL, like `k6 run` (exit 99 when a threshold is crossed, 104 for invalid flags)')
    .option('--url <url>', 'Target URL (http://host:port/path)')
    .option('--method <method>', 'HTTP method', { default: 'GET' })
    .option('--header <header>', "Request header 'Name: value' (repeatable)")
    .option('--body <body>', 'Request body')
    .option('--timeout <ms>', 'Request timeout in ms (default 10000)')
    .option('--executor <name>', 'constant-arrival-rate | ramping-arrival-rate | constant-vus | ramping-vus | per-vu-iterations | shared-iterations')
    .option('--rate <n>', 'Iterations per time unit (arrival-rate executors)')
    .option('--time-unit <duration>', 'Time unit of --rate (default 1s)')
    .option('--duration <duration>', 'How long, e.g. 30s or 1m30s')
    .option('--vus <n>', 'VUs (closed-model executors)')
    .option('--iterations <n>', 'Iterations (iteration-based executors)')
    .option('--pre-allocated-vus <n>', 'preAllocatedVUs (arrival-rate executors)')
    .option('--max-vus <n>', 'maxVUs (arrival-rate executors)')
    .option('--threshold <metric=expr>', "k6 threshold, e.g. 'http_req_duration=p(95)<100' (repeatable)")
    .option('--summary-export <file>', "Write k6's --summary-export JSON")
    .option('--summary-trend-stats <stats>', 'Trend stats in the summary, e.g. avg,min,med,max,p(90),p(95),p(99)')
    .option('--workers <n>', "Worker threads: a number or 'auto' (default 1)")
    .option('--scheduler <mode>', "'precise' (default: sub-ms start lag from a sleeping helper thread), 'timer' (1 ms clock) or 'spin' (one busy core)")
    .option('--metrics-port <port>', 'Serve archtdd_load_* metrics for Prometheus on 127.0.0.1:PORT during the run')
    .option('--fail-on-saturation', 'Exit 99 when the generator itself was saturated')
    .action(async (o: LoadCommandOptions) => {
      const abort = new AbortController();
      const stop = (): void => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        return await runLoadCommand(o, { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), signal: abort.signal });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
