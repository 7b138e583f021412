/**
 * The SafeChord edge failure: under steady load the catalog service loses its PostgreSQL link
 * for a fixed time, then (second case) its Redis link. Measured: time to detect, time to
 * recover after the link returns, errors during the outage, and that no request hangs.
 */
import { Fault } from '../chaos/faults/index.js';
import { Load, http } from '../harness/load/index.js';
import { defineScenario } from '../harness/scenario/define.js';
import { defineSlo, Sli } from '../harness/slo/define.js';
import { Measure } from '../harness/slo/measures.js';
import { catalogEnvironment } from '../systems/catalog/index.js';

const PRODUCTS = 2000;
const quick = process.env.ARCHTDD_PROFILE !== 'full';

export const catalogEdgeFailure = defineScenario({
  id: 'catalog-edge-failure',
  title: 'Catalog loses its database link, then its cache link',
  description: 'A node disappears (the link is cut) for a fixed time under steady load; the service must fail fast and recover.',
  // short cache TTL and many products: most reads reach the database, so its outage is visible
  environment: catalogEnvironment({ productCount: PRODUCTS, cacheTtlSeconds: 3, dbTimeoutMs: 1000, redisTimeoutMs: 250 }),
  phases: [
    { name: 'baseline', duration: { quick: '8s', full: '30s' } },
    { name: 'db-outage', duration: { quick: '8s', full: '30s' }, faults: [{ target: 'catalog->postgres', fault: Fault.down() }] },
    { name: 'db-recovery', duration: { quick: '10s', full: '30s' } },
    { name: 'cache-outage', duration: { quick: '8s', full: '30s' }, faults: [{ target: 'catalog->redis', fault: Fault.down() }] },
    { name: 'cache-recovery', duration: { quick: '8s', full: '30s' } },
  ],
  load: (env) => [
    Load.constantArrivalRate({
      name: 'product-reads',
      rate: 80,
      timeUnit: '1s',
      duration: quick ? '42s' : '150s',
      preAllocatedVUs: 40,
      maxVUs: 300,
      exec: http({
        url: `${env.url('catalog')}/products/1`,
        path: ({ iteration, vu }) => `/products/${((iteration * 7919 + vu * 104729) % PRODUCTS) + 1}`,
        name: 'GET /products/:id',
        timeoutMs: 3000,
      }),
    }),
  ],
  slos: [
    defineSlo({
      id: 'edge-db-recovery',
      title: 'Reads recover quickly after the database returns',
      layer: 'business',
      hypothesis: 'Within 5 s of the PostgreSQL link returning, fewer than 1% of reads fail again.',
      sli: Measure.recoveryAfter('catalog->postgres', { errorRatioBelow: 0.01 }),
      objective: 'value<5',
    }),
    defineSlo({
      id: 'edge-db-detection',
      title: 'Clients see the database outage at once (fail fast)',
      layer: 'application',
      hypothesis: 'Within 2 s of the link being cut, at least half of the reads fail fast instead of hanging.',
      sli: Measure.detectionOf('catalog->postgres', { errorRatioAbove: 0.5 }),
      objective: 'value<2',
      mode: 'baseline',
    }),
    defineSlo({
      id: 'edge-db-outage-errors',
      title: 'Server-side errors during the database outage',
      layer: 'application',
      hypothesis: 'Every read that misses the cache during the outage answers 503; the count is recorded for tuning.',
      sli: Sli.promql('sum(increase(http_requests_total{job="catalog",status="503"}[$window]))', { unit: 'requests' }),
      objective: 'value>0',
      mode: 'baseline',
      window: { phase: 'db-outage' },
    }),
    defineSlo({
      id: 'edge-no-hang',
      title: 'No read hangs longer than the client timeouts',
      layer: 'application',
      hypothesis: 'The slowest read of the whole run, faults included, takes under 1.5 s (database timeout 1 s plus margin).',
      sli: Sli.load('http_req_duration'),
      objective: 'max<1500ms',
    }),
    defineSlo({
      id: 'edge-cache-outage-errors',
      title: 'A cache outage degrades gracefully',
      layer: 'business',
      hypothesis: 'With Redis cut off, reads fall back to PostgreSQL: fewer than 1% fail.',
      sli: Sli.promql(
        '(sum(increase(http_requests_total{job="catalog",route="/products/:id",status=~"5.."}[$window])) or vector(0))' +
          ' / sum(increase(http_requests_total{job="catalog",route="/products/:id"}[$window]))',
        { unit: 'ratio' },
      ),
      objective: 'value<0.01',
      window: { phase: 'cache-outage' },
    }),
  ],
});
