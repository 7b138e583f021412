/**
 * Turns a journal into exactly what the HTML template prints: every field present and
 * already formatted, so the template stays dumb and strict mode catches misspelt names.
 */
import type { Journal, ScenarioRecord, SloRecord, Verdict } from '../../harness/journal/schema.js';
import { renderSloCharts } from '../charts/slo-chart.js';
import {
  LAYERS,
  VERDICTS,
  VERDICT_SYMBOL,
  VERDICT_MEANING,
  countVerdicts,
  describeSli,
  formatDelta,
  formatDuration,
  formatPrevious,
  formatValue,
  formatWindow,
  gateOutcome,
  machineLine,
} from '../format.js';

export interface VerdictBadge {
  verdict: Verdict;
  cls: string;
  symbol: string;
}

export interface SloRow {
  anchor: string;
  id: string;
  title: string;
  objective: string;
  measured: string;
  previous: string;
  delta: string;
  regression: boolean;
  badge: VerdictBadge;
  mode: string;
}

export interface LayerGroup {
  layer: string;
  rows: SloRow[];
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface SloSection {
  anchor: string;
  id: string;
  title: string;
  layer: string;
  badge: VerdictBadge;
  mode: string;
  hypothesis: string;
  sliKind: string;
  sli: string;
  objective: string;
  measured: string;
  window: string;
  phases: string;
  reason: string;
  chartSvg: string | null;
  chartCaption: string;
  repeatSvg: string | null;
  repeat: string | null;
  faults: string[];
  evidence: KeyValue[];
  logs: string[];
  notPass: boolean;
  regression: boolean;
  previous: string;
  delta: string;
  tolerance: string;
}

export interface ScenarioView {
  id: string;
  title: string;
  status: string;
  statusCls: string;
  file: string;
  error: string | null;
  load: string | null;
  components: KeyValue[];
  faults: string[];
  harnessIssues: string[];
}

export interface ReportView {
  title: string;
  run: {
    id: string;
    status: string;
    statusCls: string;
    runtime: string;
    profile: string;
    seed: string;
    duration: string;
    startedAt: string;
    finishedAt: string;
    commit: string;
    machine: string;
  };
  versions: KeyValue[];
  substitutions: KeyValue[];
  gate: { holds: boolean; text: string; cls: string };
  counts: Array<{ badge: VerdictBadge; count: number; meaning: string }>;
  total: number;
  regressions: number;
  layers: LayerGroup[];
  slos: SloSection[];
  scenarios: ScenarioView[];
  legend: KeyValue[];
}

export const COLUMN_LEGEND: KeyValue[] = [
  { key: 'verdict', value: 'PASS, FAIL, INCONCLUSIVE (not enough data, or repeats straddle the objective) or INVALID (the harness could not measure). Only PASS is a pass.' },
  { key: 'SLO', value: 'the SLO id and title, as declared in the suite; links to its section below.' },
  { key: 'objective', value: 'the ideal: a k6 threshold on the SLI, e.g. p(95)<50 means the 95th percentile below 50 ms.' },
  { key: 'measured', value: 'what this run measured for the SLI over the SLO window ("no data" when the SLI returned nothing).' },
  { key: 'previous', value: 'the value in the committed baseline (reports/baseline.json) for the same SLO id.' },
  { key: 'delta', value: 'measured minus previous; ratios in percentage points (pp). "regression" when it moved the wrong way by more than the SLO tolerance (default 10%).' },
  { key: 'mode', value: 'gate: a non-PASS fails the run; baseline: recorded honestly, never fails the run.' },
];

export function badge(verdict: Verdict): VerdictBadge {
  return { verdict, cls: `v-${verdict.toLowerCase()}`, symbol: VERDICT_SYMBOL[verdict] };
}

export function anchorFor(id: string): string {
  return `slo-${id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

function row(slo: SloRecord): SloRow {
  return {
    anchor: anchorFor(slo.id),
    id: slo.id,
    title: slo.title,
    objective: slo.objective,
    measured: formatValue(slo.measured.value, slo.measured.unit),
    previous: formatPrevious(slo),
    delta: formatDelta(slo.previous, slo.measured.unit),
    regression: slo.previous?.regression ?? false,
    badge: badge(slo.verdict),
    mode: slo.mode,
  };
}

/** Log lines shown per SLO; the full logs stay in the run folder (evidence.logDir). */
export const MAX_LOG_LINES = 200;

function lastLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  return [`… ${lines.length - max} earlier lines omitted (all ${lines.length} are in baseline.json)`, ...lines.slice(-max)];
}

function compactValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.length === 0 ? 'none' : v.join('; ');
  return JSON.stringify(v);
}

function evidenceOf(slo: SloRecord): KeyValue[] {
  const out: KeyValue[] = [];
  const e = slo.evidence;
  if (e.samples !== undefined) out.push({ key: 'samples', value: String(e.samples) });
  if (e.promql !== undefined) out.push({ key: 'promql', value: e.promql });
  for (const [key, value] of Object.entries(e)) {
    if (['samples', 'promql', 'window', 'series', 'logs'].includes(key) || value === undefined) continue;
    out.push({ key, value: compactValue(value) });
  }
  for (const s of e.series ?? []) out.push({ key: `series ${s.name}`, value: `${s.points.length} points (${s.unit})` });
  return out;
}

function toleranceOf(slo: SloRecord): string {
  const t = slo.tolerance;
  if (!t || (t.absolute === undefined && t.relative === undefined)) return 'relative 10% (default)';
  const parts: string[] = [];
  if (t.absolute !== undefined) {
    parts.push(`absolute ${slo.measured.unit === 'ratio' ? `${t.absolute * 100} pp` : formatValue(t.absolute, slo.measured.unit)}`);
  }
  if (t.relative !== undefined) parts.push(`relative ${t.relative * 100}%`);
  return parts.join(', ');
}

function faultLine(f: ScenarioRecord['faults'][number]): string {
  const t = (ms: number | undefined) => (ms === undefined ? '?' : new Date(ms).toISOString().slice(11, 23));
  const params = Object.keys(f.params).length > 0 ? ` ${JSON.stringify(f.params)}` : '';
  const seen = f.observed ? `observed${f.observation ? `: ${f.observation}` : ''}` : 'NOT observed (affected SLOs are INVALID)';
  return `${f.kind} on ${f.target}${params}, ${t(f.appliedAt)}–${t(f.removedAt)} UTC, ${seen}`;
}

function section(slo: SloRecord, scenario: ScenarioRecord | undefined): SloSection {
  const charts = renderSloCharts(slo, scenario);
  const unit = slo.measured.unit;
  return {
    anchor: anchorFor(slo.id),
    id: slo.id,
    title: slo.title,
    layer: slo.layer,
    badge: badge(slo.verdict),
    mode: slo.mode,
    hypothesis: slo.hypothesis,
    sliKind: slo.sli.kind,
    sli: describeSli(slo),
    objective: slo.objective,
    measured: formatValue(slo.measured.value, unit),
    window: formatWindow(slo.evidence.window),
    phases: scenario && scenario.phases.length > 0 ? scenario.phases.map((p) => `${p.phase} ${formatDuration(p.end - p.start)}`).join(' → ') : '–',
    reason: slo.reason,
    chartSvg: charts.timeSeries,
    chartCaption: charts.caption,
    repeatSvg: charts.repeat,
    repeat: slo.repeat
      ? `${slo.repeat.n} runs: median ${formatValue(slo.repeat.median, unit)}, 95% CI [${formatValue(slo.repeat.ci95[0], unit)}, ${formatValue(slo.repeat.ci95[1], unit)}]`
      : null,
    faults: (scenario?.faults ?? []).map(faultLine),
    evidence: evidenceOf(slo),
    logs: lastLines(slo.evidence.logs ?? [], MAX_LOG_LINES),
    notPass: slo.verdict !== 'PASS',
    regression: slo.previous?.regression ?? false,
    previous: formatPrevious(slo),
    delta: formatDelta(slo.previous, unit),
    tolerance: toleranceOf(slo),
  };
}

function scenarioView(s: ScenarioRecord): ScenarioView {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    statusCls: s.status === 'completed' ? 'ok' : 'bad',
    file: s.file ?? '–',
    error: s.error ?? null,
    load: s.load
      ? `${s.load.executor}: ${s.load.description}; ${s.load.iterations} iterations, ${s.load.droppedIterations} dropped, failed ${formatValue(s.load.failedRate, 'ratio')}; latency ${Object.entries(s.load.latencyMs)
          .map(([k, v]) => `${k} ${formatValue(v, 'ms')}`)
          .join(', ')}${s.load.saturated ? `; generator saturated: ${s.load.saturated}` : ''}`
      : null,
    components: s.components.map((c) => ({
      key: c.name,
      value: `${c.kind} ${c.version} (${c.runtime}) at ${c.endpoint}${c.note ? ` — ${c.note}` : ''}`,
    })),
    faults: s.faults.map(faultLine),
    harnessIssues: s.harnessIssues,
  };
}

export function buildReportView(journal: Journal, title = 'archtdd baseline report'): ReportView {
  const scenarios = new Map(journal.scenarios.map((s) => [s.id, s]));
  const counts = countVerdicts(journal.slos);
  const gate = gateOutcome(journal);
  const r = journal.run;
  const known = new Set<string>(LAYERS);
  const layerNames = [...LAYERS, ...new Set(journal.slos.map((s) => s.layer).filter((l) => !known.has(l)))];
  return {
    title,
    run: {
      id: r.id,
      status: r.status,
      statusCls: r.status === 'completed' ? 'ok' : 'bad',
      runtime: r.runtime,
      profile: r.profile,
      seed: r.seed === undefined ? '–' : String(r.seed),
      duration: formatDuration(r.durationMs),
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      commit: r.commit ?? '–',
      machine: machineLine(r.machine),
    },
    versions: Object.entries(r.versions).map(([key, value]) => ({ key, value })),
    substitutions: Object.entries(r.substitutions ?? {}).map(([key, value]) => ({ key, value })),
    gate: { holds: gate.holds, text: gate.text, cls: gate.holds ? 'v-pass' : 'v-fail' },
    counts: VERDICTS.map((v) => ({ badge: badge(v), count: counts[v], meaning: VERDICT_MEANING[v] })),
    total: journal.slos.length,
    regressions: journal.slos.filter((s) => s.previous?.regression).length,
    layers: layerNames
      .map((layer) => ({ layer, rows: journal.slos.filter((s) => s.layer === layer).map(row) }))
      .filter((g) => g.rows.length > 0),
    slos: journal.slos.map((s) => section(s, scenarios.get(s.scenario))),
    scenarios: journal.scenarios.map(scenarioView),
    legend: COLUMN_LEGEND,
  };
}
