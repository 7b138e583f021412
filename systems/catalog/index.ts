/**
 * The catalog service, declared through the same public builder a user would use for their own
 * service (systems/service.ts), and the environment it runs in.
 */
import { fileURLToPath } from 'node:url';
import { defineEnvironment } from '../../harness/environment/define.js';
import { PostgresServer } from '../postgres/index.js';
import { PrometheusServer } from '../prometheus/index.js';
import { RedisServer } from '../redis/index.js';
import { Service } from '../service.js';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));

export interface CatalogOptions {
  /** fixed delay added to every product read (calibration), ms */
  handlerDelayMs?: number;
  productCount?: number;
  redisTimeoutMs?: number;
  dbTimeoutMs?: number;
  cacheTtlSeconds?: number;
  /** every Nth product read answers 500 (calibration) */
  failEvery?: number;
}

// --8<-- [start:service]
export function catalogService(options: CatalogOptions = {}) {
  return Service.command('catalog', [process.execPath, '--import', 'tsx', SERVER])
    .withPorts('http')
    .dependsOn('redis', 'postgres')
    .withEnv(({ deps, ports }) => ({
      PORT: String(ports.http),
      REDIS_URL: deps.redis!.url,
      DATABASE_URL: deps.postgres!.url,
      PRODUCT_COUNT: String(options.productCount ?? 200),
      HANDLER_DELAY_MS: String(options.handlerDelayMs ?? 0),
      REDIS_TIMEOUT_MS: String(options.redisTimeoutMs ?? 250),
      DB_TIMEOUT_MS: String(options.dbTimeoutMs ?? 1000),
      CACHE_TTL_SECONDS: String(options.cacheTtlSeconds ?? 300),
      FAIL_EVERY: String(options.failEvery ?? 0),
    }))
    .withHealthCheck({ port: 'http', path: '/healthz' })
    .withMetrics({ port: 'http', path: '/metrics' });
}
// --8<-- [end:service]

/** Redis + PostgreSQL + the catalog service, scraped by the run's Prometheus every second. */
export function catalogEnvironment(options: CatalogOptions = {}) {
  return defineEnvironment({
    prometheus: new PrometheusServer(),
    components: [new RedisServer(), new PostgresServer(), catalogService(options)],
    scrapeIntervalSeconds: 1,
  });
}
