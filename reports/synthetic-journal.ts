/**
 * A realistic journal made from a seeded PRNG, for golden fixtures, the Chromium test
 * and the render benchmark. Not used by real runs.
 *
 *   makeSyntheticJournal({ slos: 20, samples: 100_000, seed: 1 })
 */
import type { Journal, Layer, ScenarioRecord, SeriesRecord, SloRecord, Verdict } from '../harness/journal/schema.js';
import { JOURNAL_SCHEMA } from '../harness/journal/schema.js';
import { summariseRepeat } from '../harness/stats/bootstrap.js';
import { mulberry32, normal, type Rng } from '../harness/stats/prng.js';

export interface SyntheticOptions {
  slos?: number;
  /** total points over all SLO evidence series */
  samples?: number;
  seed?: number;
  /** epoch ms of the run start; fixed by default so outputs are reproducible */
  start?: number;
}

interface Template {
  id: string;
  title: string;
  layer: Layer;
  hypothesis: string;
  objective: string;
  unit: string;
  sli: SloRecord['sli'];
  mode: SloRecord['mode'];
  verdict: Verdict;
  /** which statistic of the main series is the measured value; default p95 */
  measure?: 'p95' | 'last';
  /** t: ms since the fault ended (negative before); sinceFault: ms since it began */
  series: (rng: Rng, t: number, faultOn: boolean, sinceFault: number) => Array<[string, number]>;
}

const TEMPLATES: Template[] = [
  {
    id: 'catalog-p95',
    title: 'Catalog reads are fast',
    layer: 'application',
    hypothesis: 'At 200 req/s the catalog answers 95% of reads within 50 ms, even with 100 ms latency on Postgres.',
    objective: 'p(95)<50',
    unit: 'ms',
    sli: { kind: 'load', metric: 'http_req_duration' },
    mode: 'gate',
    verdict: 'PASS',
    series: (rng, _t, fault) => {
      const base = fault ? 18 : 9;
      return [
        ['p50', base + normal(rng, 0, 0.8)],
        ['p95', base * 2.4 + normal(rng, 0, 2)],
        ['p99', base * 3.5 + Math.abs(normal(rng, 0, 5))],
      ];
    },
  },
  {
    id: 'catalog-5xx-ratio',
    title: 'Catalog rarely fails',
    layer: 'application',
    hypothesis: 'Fewer than 1% of catalog requests end in a 5xx while Redis is down.',
    objective: 'rate<0.01',
    unit: 'ratio',
    sli: { kind: 'promql', query: 'sum(rate(http_requests_total{status=~"5.."}[10s])) / sum(rate(http_requests_total[10s]))' },
    mode: 'gate',
    verdict: 'FAIL',
    series: (rng, _t, fault) => [['5xx ratio', Math.max(0, fault ? 0.03 + normal(rng, 0, 0.006) : 0.001 + normal(rng, 0, 0.0005))]],
  },
  {
    id: 'cache-hit-ratio',
    title: 'The cache absorbs reads',
    layer: 'infrastructure',
    hypothesis: 'More than 90% of reads are served from Redis in steady state.',
    objective: 'value>0.9',
    unit: 'ratio',
    sli: { kind: 'promql', query: 'sum(rate(cache_requests_total{result="hit"}[30s])) / sum(rate(cache_requests_total[30s]))' },
    mode: 'gate',
    verdict: 'INCONCLUSIVE',
    series: (rng, _t, fault) => [['hit ratio', Math.min(1, fault ? 0.2 + normal(rng, 0, 0.05) : 0.95 + normal(rng, 0, 0.01))]],
  },
  {
    id: 'orders-delivered',
    title: 'Every order is delivered once',
    layer: 'business',
    hypothesis: 'Every accepted order reaches the billing consumer within 5 s, none lost.',
    objective: 'rate>=0.999',
    unit: 'ratio',
    sli: { kind: 'probe', metric: 'delivery_checker' },
    mode: 'baseline',
    verdict: 'INVALID',
    series: (rng) => [['delivered ratio', Math.min(1, 0.9995 + normal(rng, 0, 0.0003))]],
  },
  {
    id: 'orders-lag',
    title: 'Consumers catch up after a broker outage',
    layer: 'infrastructure',
    hypothesis: 'Consumer lag returns below 100 messages within 30 s of the broker coming back.',
    objective: 'max<100',
    unit: 'messages',
    sli: { kind: 'promql', query: 'sum(kafka_consumergroup_lag{group="billing"})' },
    mode: 'baseline',
    verdict: 'PASS',
    measure: 'last',
    series: (rng, t, fault, sinceFault) => {
      const lag = fault ? sinceFault / 10 + normal(rng, 0, 20) : t < 0 ? 4 + normal(rng, 0, 2) : 1000 * Math.exp(-t / 2000) + normal(rng, 0, 3);
      return [['lag', Math.max(0, lag)]];
    },
  },
  {
    id: 'checkout-p99-repeat',
    title: 'Checkout tail latency, repeated',
    layer: 'business',
    hypothesis: 'Checkout p99 stays under 250 ms across repeated runs.',
    objective: 'p(99)<250ms',
    unit: 'ms',
    sli: { kind: 'load', metric: 'http_req_duration' },
    mode: 'gate',
    verdict: 'INCONCLUSIVE',
    series: (rng) => [['p99', 240 + normal(rng, 0, 15)]],
  },
];

const RUN_MS = 30_000;

const REASONS: Record<Verdict, string> = {
  PASS: 'The measured value met the objective with enough samples.',
  FAIL: 'The measured value missed the objective.',
  INCONCLUSIVE: 'Not enough samples in the window, or the 95% interval straddles the objective.',
  INVALID: 'The harness could not measure this: the fault was never observed by its probe.',
};

export function makeSyntheticJournal(options: SyntheticOptions = {}): Journal {
  const nSlos = options.slos ?? TEMPLATES.length;
  const samples = options.samples ?? 600;
  const rng = mulberry32(options.seed ?? 1);
  const start = options.start ?? Date.UTC(2026, 0, 1, 12, 0, 0);
  const pointsPerSlo = Math.max(2, Math.floor(samples / nSlos));
  const seriesCount = (t: Template) => t.series(mulberry32(0), 0, false, 0).length;

  const slos: SloRecord[] = [];
  let longest = 0;
  for (let k = 0; k < nSlos; k++) {
    const t = TEMPLATES[k % TEMPLATES.length]!;
    const round = Math.floor(k / TEMPLATES.length);
    const perSeries = Math.max(2, Math.floor(pointsPerSlo / seriesCount(t)));
    // every SLO spans the same 30 s run; more samples mean denser points; fault in the middle third
    const duration = RUN_MS;
    const step = duration / perSeries;
    longest = Math.max(longest, duration);
    const faultFrom = start + duration / 3;
    const faultTo = start + (2 * duration) / 3;
    const series = new Map<string, Array<[number, number]>>();
    for (let i = 0; i < perSeries; i++) {
      const at = Math.round(start + i * step);
      const fault = at >= faultFrom && at < faultTo;
      for (const [name, v] of t.series(rng, at - faultTo, fault, at - faultFrom)) {
        if (!series.has(name)) series.set(name, []);
        series.get(name)!.push([at, round6(v)]);
      }
    }
    const records: SeriesRecord[] = [...series].map(([name, points]) => ({ name, unit: t.unit, points }));
    const main = records[Math.min(1, records.length - 1)]!;
    const values = main.points.map((p) => p[1]).sort((a, b) => a - b);
    const stat = t.measure === 'last' ? main.points[main.points.length - 1]![1] : values[Math.floor(values.length * 0.95)]!;
    const measuredValue = t.verdict === 'INVALID' ? null : round6(stat);
    const slo: SloRecord = {
      id: round === 0 ? t.id : `${t.id}-${round + 1}`,
      title: t.title,
      layer: t.layer,
      hypothesis: t.hypothesis,
      scenario: 'catalog-under-faults',
      objective: t.objective,
      mode: t.mode,
      sli: t.sli,
      measured: { value: measuredValue, unit: t.unit },
      verdict: t.verdict,
      reason: REASONS[t.verdict],
      evidence: {
        ...(t.sli.kind === 'promql' ? { promql: t.sli.query } : {}),
        window: { start, end: start + duration, phase: 'steady+fault+recovery' },
        samples: values.length,
        series: records,
        ...(t.verdict === 'FAIL'
          ? {
              logs: [
                '2026-01-01T12:00:07.120Z catalog ERR redis: connect ECONNREFUSED 127.0.0.1:41234',
                '2026-01-01T12:00:07.410Z catalog ERR GET /items/17 -> 503 (cache unavailable, db pool exhausted)',
              ],
            }
          : {}),
        ...(t.sli.kind === 'probe' ? { checker: { sent: 12000, delivered: 11994, duplicates: 31, lost: 6 } } : {}),
      },
    };
    if (t.id === 'catalog-5xx-ratio') slo.tolerance = { absolute: 0.002 };
    if (t.id === 'checkout-p99-repeat') {
      const runs = Array.from({ length: 7 }, () => round6(240 + normal(rng, 0, 15)));
      slo.repeat = summariseRepeat(runs, { seed: 1 });
      slo.measured.value = slo.repeat.median;
    }
    slos.push(slo);
  }

  const end = start + longest;
  const scenario: ScenarioRecord = {
    id: 'catalog-under-faults',
    title: 'Catalog read API: steady state, Redis down, recovery',
    file: 'assertions/catalog.slo.ts',
    status: 'completed',
    startedAt: new Date(start).toISOString(),
    finishedAt: new Date(end).toISOString(),
    components: [
      { name: 'redis', kind: 'redis', version: '7.0.15', runtime: 'local', endpoint: 'redis://127.0.0.1:41234' },
      { name: 'postgres', kind: 'postgres', version: '15.14', runtime: 'local', endpoint: 'postgres://127.0.0.1:41235/catalog' },
      { name: 'kafka', kind: 'kafka', version: 'librdkafka-mock 2.0.2', runtime: 'local', endpoint: '127.0.0.1:41236', note: 'protocol mock' },
      { name: 'catalog', kind: 'service', version: '0.1.0', runtime: 'local', endpoint: 'http://127.0.0.1:41237' },
    ],
    phases: [
      { phase: 'steady', start, end: start + longest / 3 },
      { phase: 'fault', start: start + longest / 3, end: start + (2 * longest) / 3 },
      { phase: 'recovery', start: start + (2 * longest) / 3, end },
    ],
    faults: [
      {
        id: 'redis-down',
        kind: 'down',
        target: 'catalog->redis',
        params: {},
        appliedAt: start + longest / 3,
        removedAt: start + (2 * longest) / 3,
        observed: true,
        observation: 'probe saw ECONNREFUSED 40 ms after the proxy was disabled',
      },
    ],
    load: {
      executor: 'constant-arrival-rate',
      description: '200 iterations/s for 30 s, 50 VUs preallocated',
      iterations: 6000,
      droppedIterations: 0,
      failedRate: 0.012,
      latencyMs: { p50: 9.1, p95: 21.7, p99: 38.2, max: 112.4 },
    },
    series: [],
    harnessIssues: ['Prometheus scrape gap of 2.1 s at 12:00:14 (one missed scrape of catalog)'],
  };

  return {
    schema: JOURNAL_SCHEMA,
    run: {
      id: '20260101T120000Z-5eed01',
      startedAt: new Date(start - 1500).toISOString(),
      finishedAt: new Date(end + 800).toISOString(),
      durationMs: longest + 2300,
      runtime: 'local',
      profile: 'quick',
      status: 'completed',
      seed: options.seed ?? 1,
      commit: 'abc1234',
      machine: { cpus: 2, memoryGiB: 7.8, os: 'Linux 6.1.0 x64', node: '20.20.0', hostname: 'ci-runner' },
      versions: { kafka: 'librdkafka-mock 2.0.2', postgres: '15.14', prometheus: '2.42.0', redis: '7.0.15' },
      substitutions: { kafka: 'librdkafka mock cluster (no Apache Kafka binary on this runtime)' },
    },
    scenarios: [scenario],
    slos,
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
