/**
 * Evaluation: each SLO reads its SLI over its window and gets a verdict with its evidence.
 */
import type { SliRecord, SloRecord, TimeWindow } from '../journal/schema.js';
import { bindWindow, promDuration } from '../promql/check.js';
import type { LoadOutcome, ScenarioRunView } from '../scenario/view.js';
import { parseThreshold } from '../thresholds/index.js';
import type { MeasureResult, Slo } from './define.js';
import { judge } from './verdict.js';
import { summariseRepeat } from '../stats/bootstrap.js';

/** How the SLI value came out, before judging. */
interface Reading extends MeasureResult {
  harnessProblems: string[];
  minSamples?: number;
}

/**
 * `harnessIssues` are recorded as evidence; `invalidating` ones (e.g. the system was degraded before
 * the first fault, so the experiment's premise did not hold) make every SLO of the run INVALID.
 */
export async function evaluateSlo(slo: Slo, scenarioId: string, run: ScenarioRunView, harnessIssues: string[], invalidating: string[] = []): Promise<SloRecord> {
  const threshold = parseThreshold(slo.objective);
  const window = run.window(slo.window);
  let reading: Reading;
  try {
    reading = await read(slo, run, window, threshold.aggregation);
  } catch (e) {
    reading = { value: null, harnessProblems: [`reading the SLI failed: ${(e as Error).message}`] };
  }
  const unobserved = run.faults.filter((f) => !f.observed);
  const problems = [
    ...invalidating,
    ...reading.harnessProblems,
    ...unobserved.map((f) => `fault "${f.kind}" on ${f.target} was never observed (${f.observation ?? 'no observation'})`),
  ];
  const { verdict, reason } = judge({
    threshold,
    value: reading.value,
    ...(reading.samples !== undefined ? { samples: reading.samples } : {}),
    ...(reading.minSamples !== undefined ? { minSamples: reading.minSamples } : {}),
    harnessProblems: problems,
  });
  const sli = slo.sli;
  return {
    ...sloIdentity(slo, scenarioId),
    measured: { value: reading.value === null || Number.isNaN(reading.value) ? null : reading.value, unit: sli.unit },
    verdict,
    reason: reading.note && verdict !== 'PASS' ? `${reason} ${reading.note}` : reason,
    evidence: {
      ...(sli.kind === 'promql' ? { promql: bindWindow(sli.query, promDuration(window.end - window.start)) } : {}),
      window,
      ...(reading.samples !== undefined ? { samples: reading.samples } : {}),
      ...(reading.evidence ?? {}),
      ...(harnessIssues.length ? { harnessIssues } : {}),
    },
  };
}

/** What every record of an SLO says about the SLO itself, measured or not. */
export function sloIdentity(slo: Slo, scenarioId: string): Pick<SloRecord, 'id' | 'title' | 'layer' | 'hypothesis' | 'scenario' | 'objective' | 'mode' | 'sli' | 'tolerance'> {
  return {
    id: slo.id,
    title: slo.title,
    layer: slo.layer,
    hypothesis: slo.hypothesis,
    scenario: scenarioId,
    objective: slo.objective,
    mode: slo.mode,
    sli: sliRecord(slo),
    tolerance: slo.tolerance,
  };
}

/** The SLI as the journal records it. */
export function sliRecord(slo: Slo): SliRecord {
  const sli = slo.sli;
  if (sli.kind === 'promql') return { kind: 'promql', query: sli.query };
  if (sli.kind === 'load') return { kind: 'load', metric: sli.metric };
  return { kind: 'probe', metric: sli.describe };
}

async function read(slo: Slo, run: ScenarioRunView, window: TimeWindow, aggregation: string): Promise<Reading> {
  const sli = slo.sli;
  switch (sli.kind) {
    case 'promql':
      return readPromql(sli.query, sli.minSamples, run, window);
    case 'load':
      return readLoad(sli.metric, aggregation, run.load);
    case 'measure': {
      const r = await sli.measure(run);
      return { ...r, harnessProblems: [] };
    }
  }
}

async function readPromql(query: string, minSamples: number | undefined, run: ScenarioRunView, window: TimeWindow): Promise<Reading> {
  const prom = run.env.prom;
  const length = window.end - window.start;
  const instant = bindWindow(query, promDuration(length));
  const result = await prom.query(instant, window.end);
  const problems: string[] = [];
  // Scrape gaps in the window make any PromQL SLI untrustworthy.
  const interval = run.env.scrapeIntervalSeconds;
  const expected = Math.floor(length / 1000 / interval);
  if (run.env.jobs.length && expected >= 2) {
    const ups = await prom.query(`count_over_time(up{job=~"${run.env.jobs.join('|')}"}[${promDuration(length)}])`, window.end);
    for (const u of ups) {
      if (u.value < expected * 0.8) problems.push(`scrape gaps: job ${u.labels.job} was scraped ${u.value} times in the window, ${expected} expected`);
    }
  }
  // A rolling view of the same SLI for the report's chart, one point per scrape.
  const rolling = bindWindow(query, promDuration(Math.max(5_000, 3 * interval * 1000)));
  const range = await prom.queryRange(rolling, window.start, window.end, interval).catch(() => []);
  const points = range.length === 1 ? range[0]!.points.filter(([, v]) => Number.isFinite(v)) : [];
  const evidence: Record<string, unknown> = { series: [{ name: seriesName(query), unit: '', points }] };
  if (result.length === 0) {
    return { value: null, note: 'The query returned no series in the window.', samples: 0, harnessProblems: problems, evidence };
  }
  if (result.length > 1) {
    return {
      value: null,
      note: `The query returned ${result.length} series; an SLI must be one number (aggregate with sum() or max()).`,
      harnessProblems: problems,
      evidence,
    };
  }
  return {
    value: result[0]!.value,
    samples: points.length,
    harnessProblems: problems,
    ...(minSamples !== undefined ? { minSamples } : {}),
    evidence,
  };
}

function seriesName(query: string): string {
  return query.length > 60 ? `${query.slice(0, 57)}...` : query;
}

function readLoad(metric: string, aggregation: string, load: LoadOutcome | undefined): Reading {
  if (!load) return { value: null, note: 'The scenario ran no load.', harnessProblems: [] };
  const problems: string[] = [];
  // the engine's self-check is the one place that judges the generator (start lag, event loop, CPU, any dropped iteration)
  if (load.summary.saturated) problems.push(`the load generator fell behind: ${load.summary.saturated}`);
  const value = load.value(metric, aggregation);
  return {
    value,
    samples: load.samples(metric),
    harnessProblems: problems,
    evidence: { series: load.series.filter((s) => s.name.startsWith(metric.replace(/\{.*$/, ''))) },
  };
}

/**
 * Combine the records of N runs of one SLO: the median with a 95% bootstrap interval; the
 * verdict is INCONCLUSIVE when the interval straddles the objective, INVALID when any run was.
 */
export function combineRepeats(records: SloRecord[], seed = 1): SloRecord {
  const last = records.at(-1)!;
  if (records.length < 2) return last;
  const invalid = records.find((r) => r.verdict === 'INVALID');
  const values = records.map((r) => r.measured.value).filter((v): v is number => v !== null && Number.isFinite(v));
  const summary = values.length >= 2 ? summariseRepeat(values, { seed }) : undefined;
  const threshold = parseThreshold(last.objective);
  const { verdict, reason } = invalid
    ? { verdict: 'INVALID' as const, reason: `Run ${records.indexOf(invalid) + 1} of ${records.length}: ${invalid.reason}` }
    : judge({
        threshold,
        value: summary ? summary.median : null,
        ...(summary ? { ci95: summary.ci95 } : {}),
      });
  return {
    ...last,
    measured: { value: summary ? summary.median : null, unit: last.measured.unit },
    verdict,
    reason: summary ? `${reason} Median of ${summary.n} runs.` : `${reason} Only ${values.length} of ${records.length} runs produced a value.`,
    ...(summary ? { repeat: summary } : {}),
  };
}
