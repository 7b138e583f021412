/**
 * The load engine's public API, in k6's words.
 *
 *   const result = await runLoad(
 *     Load.constantArrivalRate({ rate: 200, duration: '20s', preAllocatedVUs: 20, maxVUs: 50, exec: http({ url }) }),
 *     { thresholds: { http_req_duration: ['p(95)<100'], http_req_failed: ['rate<0.01'] } },
 *   );
 *   result.toSummaryExport().metrics.http_req_duration['p(95)'];
 */
import { burst } from './burst.js';
import type {
  ConstantArrivalRateConfig,
  ConstantVusConfig,
  PerVuIterationsConfig,
  RampingArrivalRateConfig,
  RampingVusConfig,
  SharedIterationsConfig,
} from './types.js';
import './workers.js';

type Without<T> = Omit<T, 'executor'>;

/** Static factories: each returns a k6 scenario config (validated by runLoad/planLoad). */
export const Load = {
  constantArrivalRate: (c: Without<ConstantArrivalRateConfig>): ConstantArrivalRateConfig => ({ executor: 'constant-arrival-rate', ...c }),
  rampingArrivalRate: (c: Without<RampingArrivalRateConfig>): RampingArrivalRateConfig => ({ executor: 'ramping-arrival-rate', ...c }),
  constantVus: (c: Without<ConstantVusConfig>): ConstantVusConfig => ({ executor: 'constant-vus', ...c }),
  rampingVus: (c: Without<RampingVusConfig>): RampingVusConfig => ({ executor: 'ramping-vus', ...c }),
  perVuIterations: (c: Without<PerVuIterationsConfig>): PerVuIterationsConfig => ({ executor: 'per-vu-iterations', ...c }),
  sharedIterations: (c: Without<SharedIterationsConfig>): SharedIterationsConfig => ({ executor: 'shared-iterations', ...c }),
  burst,
};

export { runLoad, type RunLoadOptions } from './run.js';
export { planLoad, type LoadPlan, type ScenariosInput } from './plan.js';
export { describeScenario } from './describe.js';
export { http, type HttpTargetOptions } from './targets/http.js';
export { fn } from './targets/function.js';
export { moduleTarget } from './targets/module.js';
export { Counter, Gauge, Rate, Trend, type MetricDeclaration } from './metrics/declarations.js';
export type { MetricsApi } from './metrics/api.js';
export { startLoadMetricsServer, LoadPromExporter, type LoadMetricsServer } from './prometheus.js';
export { toSummaryExport, trendStat, fractionAbove, type LoadResult, type SummaryExport } from './result.js';
export { toLoadSummary, toSeriesRecords } from './journal.js';
export { formatTextSummary } from './text-summary.js';
export { registerExecutor, getExecutor, executorNames } from './executors/registry.js';
export { parseDuration, formatDuration } from './duration.js';
export type { ThresholdsSpec, ThresholdResult } from './thresholds.js';
export type { BurstOptions } from './burst.js';
export type * from './types.js';
