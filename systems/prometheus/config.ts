/** prometheus.yml for a run: one global interval, itself plus the declared jobs. */
import { stringify } from 'yaml';
import { endpointString, type Endpoint } from '../../harness/runtime/types.js';
import { PROMETHEUS_SELF_JOB, type ScrapeTarget } from './types.js';

/** Prometheus durations: whole milliseconds ("1500ms", "1s" both parse). */
const duration = (seconds: number): string => `${Math.max(1, Math.round(seconds * 1000))}ms`;

export function prometheusConfig(self: Endpoint, intervalSeconds: number, targets: readonly ScrapeTarget[]): string {
  const interval = duration(intervalSeconds);
  return stringify({
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    scrape_configs: [
      { job_name: PROMETHEUS_SELF_JOB, static_configs: [{ targets: [endpointString(self)] }] },
      ...targets.map((t) => ({
        job_name: t.job,
        metrics_path: t.metricsPath ?? '/metrics',
        static_configs: [{ targets: t.targets.map(endpointString) }],
      })),
    ],
  });
}
