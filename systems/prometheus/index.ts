/**
 * Prometheus server module. Start it first: its first scraped sample takes ~5 s (target
 * updates are throttled to every 5 s), and targets added later cost another ~5 s, so give it
 * every stable target up front.
 *
 *   const prom = await new PrometheusServer()
 *     .withScrapeInterval(1)
 *     .withScrapeTargets([{ job: 'catalog', targets: [{ host: '127.0.0.1', port: 8080 }] }])
 *     .start(ctx);
 *   prom.url // http://127.0.0.1:41238
 */
import { driverFor, registerDriver } from '../../harness/runtime/drivers.js';
import type { Component, Endpoint, StartContext, StartedComponent } from '../../harness/runtime/types.js';
import { startPrometheusLocal } from './local.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

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

export class PrometheusServer implements Component<StartedPrometheusServer> {
  readonly kind = PROMETHEUS_KIND;
  readonly portNames: readonly string[] = ['main'];
  dependsOn: readonly string[] = [];
  name = 'prometheus';
  /** Seconds between scrapes (and rule evaluations). */
  scrapeIntervalSeconds = 1;
  scrapeTargets: readonly ScrapeTarget[] = [];

  withName(name: string): this {
    this.name = name;
    return this;
  }

  withScrapeInterval(seconds: number): this {
    this.scrapeIntervalSeconds = seconds;
    return this;
  }

  /**
   * Adds scrape jobs (Prometheus also scrapes itself as job "prometheus"). A job declared again
   * replaces the earlier one, so declaring the same targets twice is harmless.
   */
  withScrapeTargets(targets: readonly ScrapeTarget[]): this {
    const byJob = new Map(this.scrapeTargets.map((t) => [t.job, t]));
    for (const t of targets) byJob.set(t.job, t);
    this.scrapeTargets = [...byJob.values()];
    return this;
  }

  start(ctx: StartContext): Promise<StartedPrometheusServer> {
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<StartedPrometheusServer>;
  }
}

registerDriver(PROMETHEUS_KIND, 'local', startPrometheusLocal);
