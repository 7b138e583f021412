/**
 * Steady state of the cached read API: a fixed open-model arrival rate against the catalog
 * service (Redis cache-aside over PostgreSQL), judged on client-side latency, server-side 5xx
 * ratio and cache hit ratio read from the run's Prometheus.
 */
// --8<-- [start:scenario]
import { defineScenario } from '../harness/scenario/define.js';
import { defineSlo, Sli } from '../harness/slo/define.js';
import { Load, http } from '../harness/load/index.js';
import { catalogEnvironment } from '../systems/catalog/index.js';

const PRODUCTS = 200;

export const catalogSteady = defineScenario({
  id: 'catalog-steady',
  title: 'Cached read API at a steady 100 req/s',
  environment: catalogEnvironment({ productCount: PRODUCTS }),
  // warm-up fills the cache; the steady phase is what the server-side SLOs judge
  phases: [
    { name: 'warmup', duration: { quick: '5s', full: '10s' } },
    { name: 'steady', duration: { quick: '20s', full: '120s' } },
  ],
  load: (env) => [
    Load.constantArrivalRate({
      name: 'product-reads',
      rate: 100,
      timeUnit: '1s',
      duration: process.env.ARCHTDD_PROFILE === 'full' ? '130s' : '25s',
      preAllocatedVUs: 20,
      maxVUs: 200,
      exec: http({
        url: `${env.url('catalog')}/products/1`,
        path: ({ iteration, vu }) => `/products/${((iteration * 7919 + vu) % PRODUCTS) + 1}`,
        name: 'GET /products/:id',
        timeoutMs: 2000,
      }),
    }),
  ],
  slos: [
    defineSlo({
      id: 'catalog-read-p95',
      title: 'Product reads are fast',
      layer: 'business',
      hypothesis: 'At 100 req/s, 95% of product reads complete within 50 ms, measured from their intended start.',
      sli: Sli.load('http_req_duration'),
      objective: 'p(95)<50ms',
    }),
    defineSlo({
      id: 'catalog-5xx-ratio',
      title: 'Reads do not fail',
      layer: 'application',
      hypothesis: 'Fewer than 1% of product reads answer 5xx in steady state.',
      sli: Sli.promql(
        '(sum(increase(http_requests_total{job="catalog",route="/products/:id",status=~"5.."}[$window])) or vector(0))' +
          ' / sum(increase(http_requests_total{job="catalog",route="/products/:id"}[$window]))',
        { unit: 'ratio' },
      ),
      objective: 'value<0.01',
      window: { phase: 'steady' },
    }),
    // --8<-- [end:scenario]
    defineSlo({
      id: 'catalog-cache-hit-ratio',
      title: 'The cache absorbs the reads',
      layer: 'application',
      hypothesis: 'Once warm, more than 90% of product reads are served from Redis.',
      sli: Sli.promql(
        'sum(increase(cache_requests_total{job="catalog",result="hit"}[$window])) / sum(increase(cache_requests_total{job="catalog"}[$window]))',
        { unit: 'ratio' },
      ),
      objective: 'value>0.9',
      window: { phase: 'steady' },
    }),
    defineSlo({
      id: 'catalog-read-p99',
      title: 'Tail latency of product reads',
      layer: 'application',
      hypothesis: 'The slowest 1% of reads stay under 100 ms (recorded, not gated, until we have a baseline).',
      sli: Sli.load('http_req_duration'),
      objective: 'p(99)<100ms',
      mode: 'baseline',
    }),
    defineSlo({
      id: 'catalog-db-load',
      title: 'Database queries per second once warm',
      layer: 'infrastructure',
      hypothesis: 'With a warm cache PostgreSQL sees under 5 queries/s at 100 req/s.',
      sli: Sli.promql('sum(rate(db_queries_total{job="catalog"}[$window]))', { unit: 'queries/s' }),
      objective: 'value<5',
      mode: 'baseline',
      window: { phase: 'steady' },
    }),
    defineSlo({
      id: 'catalog-memory',
      title: 'Catalog service memory',
      layer: 'infrastructure',
      hypothesis: 'The catalog process stays under 250 MB resident memory under steady load.',
      sli: Sli.promql('max_over_time(process_resident_memory_bytes{job="catalog"}[$window]) / 1024 / 1024', { unit: 'MB' }),
      objective: 'value<250',
      mode: 'baseline',
    }),
  ],
});
