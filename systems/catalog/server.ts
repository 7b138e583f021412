/**
 * "catalog": the reference system under test. A cached read API: Redis cache-aside over
 * PostgreSQL. It is an ordinary service, started by the harness like a user's own.
 *
 * Env: PORT, HOST (127.0.0.1; 0.0.0.0 inside a container), REDIS_URL, DATABASE_URL, PRODUCT_COUNT (default 1000), CACHE_TTL_SECONDS (300),
 *      HANDLER_DELAY_MS (0; a fixed delay added to every product read, for calibration),
 *      REDIS_TIMEOUT_MS (250), DB_TIMEOUT_MS (1000),
 *      FAIL_EVERY (0; every Nth product read answers 500 on purpose, for calibration).
 * A read may also ask for a delay: GET /products/1?delay_ms=20 (capped at 1000; calibration).
 * Client timeouts are set so faults become errors, not hangs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Counter, Histogram, Registry, Summary, collectDefaultMetrics } from 'prom-client';

const env = (name: string, fallback?: string): string => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`catalog: environment variable ${name} is required`);
  return v;
};

const port = Number(env('PORT'));
const productCount = Number(env('PRODUCT_COUNT', '1000'));
const ttl = Number(env('CACHE_TTL_SECONDS', '300'));
const handlerDelayMs = Number(env('HANDLER_DELAY_MS', '0'));
const redisTimeout = Number(env('REDIS_TIMEOUT_MS', '250'));
const dbTimeout = Number(env('DB_TIMEOUT_MS', '1000'));
const failEvery = Number(env('FAIL_EVERY', '0'));
let reads = 0;

const registry = new Registry();
collectDefaultMetrics({ register: registry });
const httpRequests = new Counter({ name: 'http_requests_total', help: 'HTTP requests by route and status', labelNames: ['route', 'status'], registers: [registry] });
const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['route'],
  // includes the SLO thresholds (10, 25, 50, 100, 250 ms)
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
const cacheRequests = new Counter({ name: 'cache_requests_total', help: 'Cache lookups by result', labelNames: ['result'], registers: [registry] });
// The delay the service really added (its timer may fire late on a busy machine): the truth calibration compares with.
const injectedDelay = new Summary({ name: 'catalog_injected_delay_seconds', help: 'Delay actually added to reads that asked for one', percentiles: [0.5], registers: [registry] });
const dbQueries = new Counter({ name: 'db_queries_total', help: 'Database queries by result', labelNames: ['result'], registers: [registry] });

const redis = new Redis(env('REDIS_URL'), {
  commandTimeout: redisTimeout,
  connectTimeout: 1000,
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  retryStrategy: () => 200,
  lazyConnect: false,
});
redis.on('error', () => undefined); // connection errors surface as failed commands and are counted there

const pool = new pg.Pool({
  connectionString: env('DATABASE_URL'),
  max: 10,
  connectionTimeoutMillis: dbTimeout,
  query_timeout: dbTimeout,
  idleTimeoutMillis: 10_000,
});
pool.on('error', () => undefined); // idle client errors: the next query reconnects

async function setupSchema(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await pool.query('CREATE TABLE IF NOT EXISTS products (id integer PRIMARY KEY, name text NOT NULL, price_cents integer NOT NULL)');
      await pool.query(
        `INSERT INTO products (id, name, price_cents)
         SELECT g, 'product ' || g, (g * 37) % 10000 FROM generate_series(1, $1) AS g
         ON CONFLICT (id) DO NOTHING`,
        [productCount],
      );
      return;
    } catch (e) {
      if (attempt >= 20) throw e;
      await sleep(250);
    }
  }
}

type Product = { id: number; name: string; price_cents: number };

async function readProduct(id: number): Promise<{ product: Product | undefined; source: 'cache' | 'db' }> {
  const key = `product:${id}`;
  try {
    const cached = await redis.get(key);
    if (cached) {
      cacheRequests.inc({ result: 'hit' });
      return { product: JSON.parse(cached) as Product, source: 'cache' };
    }
    cacheRequests.inc({ result: 'miss' });
  } catch {
    cacheRequests.inc({ result: 'error' }); // cache down: fall through to the database
  }
  let product: Product | undefined;
  try {
    const r = await pool.query<Product>('SELECT id, name, price_cents FROM products WHERE id = $1', [id]);
    dbQueries.inc({ result: 'ok' });
    product = r.rows[0];
  } catch (e) {
    dbQueries.inc({ result: 'error' });
    throw e;
  }
  if (product) redis.set(key, JSON.stringify(product), 'EX', ttl).catch(() => undefined);
  return { product, source: 'db' };
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://catalog');
  if (url.pathname === '/metrics') return send(res, 200, await registry.metrics(), registry.contentType);
  if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' });
  const m = /^\/products\/(\d+)$/.exec(url.pathname);
  const route = m ? '/products/:id' : 'other';
  const end = httpDuration.startTimer({ route });
  let status = 500;
  try {
    if (!m) {
      status = 404;
      return send(res, 404, { error: 'not found' });
    }
    const delay = handlerDelayMs + Math.min(1000, Number(url.searchParams.get('delay_ms') ?? 0) || 0);
    if (delay > 0) {
      const t0 = performance.now();
      await sleep(delay);
      injectedDelay.observe((performance.now() - t0) / 1000);
    }
    if (failEvery > 0 && ++reads % failEvery === 0) {
      status = 500;
      return send(res, 500, { error: 'injected failure (FAIL_EVERY)' });
    }
    const { product, source } = await readProduct(Number(m[1]));
    status = product ? 200 : 404;
    res.setHeader('x-source', source);
    send(res, status, product ?? { error: 'no such product' });
  } catch (e) {
    status = 503;
    send(res, 503, { error: (e as Error).message });
  } finally {
    end();
    httpRequests.inc({ route, status: String(status) });
  }
}

await setupSchema();
const server = createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { error: 'internal' }));
});
server.keepAliveTimeout = 30_000;
const host = env('HOST', '127.0.0.1');
server.listen(port, host, () => process.stdout.write(`catalog listening on ${host}:${port}\n`));

const shutdown = () => {
  server.close();
  void Promise.allSettled([pool.end(), redis.quit()]).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
