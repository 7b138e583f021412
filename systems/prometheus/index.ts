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
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ServerBuilder } from '../server-base.js';
import { startPrometheusLocal } from './local.js';
import { PROMETHEUS_KIND, type ScrapeTarget, type StartedPrometheusServer } from './types.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export {
  PROMETHEUS_KIND,
  PROMETHEUS_PORT,
  PROMETHEUS_SELF_JOB,
  type ScrapeTarget,
  type StartedPrometheusServer,
} from './types.js';

export class PrometheusServer extends ServerBuilder<StartedPrometheusServer> {
  readonly kind = PROMETHEUS_KIND;
  name = 'prometheus';
  /** Seconds between scrapes (and rule evaluations). */
  scrapeIntervalSeconds = 1;
  scrapeTargets: readonly ScrapeTarget[] = [];

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
}

registerDriver(PROMETHEUS_KIND, 'local', startPrometheusLocal);
