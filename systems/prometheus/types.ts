/** Prometheus constants and types; the drivers and config.ts import them from here (no cycle through index.ts). */
import type { Endpoint, StartedComponent } from '../../harness/runtime/types.js';

export const PROMETHEUS_KIND = 'prometheus';
export const PROMETHEUS_PORT = 9090;
/** The job Prometheus scrapes itself under. */
export const PROMETHEUS_SELF_JOB = 'prometheus';

export interface ScrapeTarget {
  job: string;
  targets: readonly Endpoint[];
  /** Default /metrics. */
  metricsPath?: string;
}

export interface StartedPrometheusServer extends StartedComponent {
  /** http://host:port (no trailing slash). */
  readonly url: string;
}
