/**
 * Picks the chart that fits an SLO: its own evidence series if it kept any, otherwise the
 * scenario's series in the SLO's unit; phases and fault windows shaded, the objective
 * drawn as a dashed line, the SLO window as dotted lines. Repeated SLOs also get the
 * distribution of their runs with the 95% interval.
 */
import type { ScenarioRecord, SeriesRecord, SloRecord } from '../../harness/journal/schema.js';
import { readObjective } from '../objective.js';
import type { ChartArea } from './svg-chart.js';
import { renderRepeatSvg, renderTimeSeriesSvg } from './svg-chart.js';

export interface SloCharts {
  /** inline SVG markup, or null when there is nothing to draw */
  timeSeries: string | null;
  caption: string;
  repeat: string | null;
}

const MAX_SERIES = 6;

export function seriesForSlo(slo: SloRecord, scenario: ScenarioRecord | undefined): SeriesRecord[] {
  const own = (slo.evidence.series ?? []).filter((s) => s.points.length > 0);
  if (own.length > 0) return own.slice(0, MAX_SERIES);
  const all = (scenario?.series ?? []).filter((s) => s.points.length > 0);
  return all.filter((s) => s.unit === slo.measured.unit).slice(0, MAX_SERIES);
}

export function captionFor(series: readonly SeriesRecord[]): string {
  if (series.length === 0) return 'No time series was recorded for this SLO.';
  const names = series.map((s) => s.name.toLowerCase()).join(' ');
  const unit = series[0]!.unit;
  if (names.includes('lag')) return 'Lag convergence over time';
  if (unit === 'ms' || unit === 's') return 'Latency over time';
  if (unit === 'ratio' && /error|5xx|fail/.test(names)) return 'Error ratio over time';
  if (unit === 'ratio') return 'Ratio over time';
  const joined = series.map((s) => s.name).join(', ');
  return joined.length <= 60 ? `${joined} over time` : 'The SLI over time';
}

export function areasFor(scenario: ScenarioRecord | undefined, lastPoint: number | undefined): ChartArea[] {
  if (!scenario) return [];
  const phases: ChartArea[] = scenario.phases.map((p) => ({ start: p.start, end: p.end, label: p.phase, kind: 'phase' }));
  const faults: ChartArea[] = scenario.faults
    .filter((f) => f.appliedAt !== undefined)
    .map((f) => ({
      start: f.appliedAt!,
      end: f.removedAt ?? lastPoint ?? f.appliedAt!,
      label: `${f.kind} ${f.target}`,
      kind: 'fault',
    }));
  return [...phases, ...faults];
}

/** Ratios are drawn in percent: easier to read than 0.004. */
function scaleFor(unit: string): { factor: number; yName: string } {
  return unit === 'ratio' ? { factor: 100, yName: '%' } : { factor: 1, yName: unit };
}

export function renderSloCharts(slo: SloRecord, scenario: ScenarioRecord | undefined): SloCharts {
  const series = seriesForSlo(slo, scenario);
  const objective = readObjective(slo.objective);
  const unit = series[0]?.unit ?? slo.measured.unit;
  const { factor, yName } = scaleFor(unit);
  const threshold =
    objective.threshold !== null && unit === slo.measured.unit
      ? { value: objective.threshold * factor, label: `objective ${slo.objective}` }
      : undefined;
  let timeSeries: string | null = null;
  if (series.length > 0) {
    const lastPoint = Math.max(...series.map((s) => s.points[s.points.length - 1]![0]));
    const window = slo.evidence.window;
    timeSeries = renderTimeSeriesSvg({
      series: series.map((s) => ({
        name: s.name,
        points: factor === 1 ? s.points : s.points.map(([t, v]) => [t, v * factor] as [number, number]),
      })),
      yName,
      areas: areasFor(scenario, lastPoint),
      ...(threshold ? { threshold } : {}),
      ...(window ? { window: { start: window.start, end: window.end } } : {}),
    });
  }
  let repeat: string | null = null;
  if (slo.repeat && slo.repeat.values.length > 0) {
    const m = scaleFor(slo.measured.unit);
    const t = objective.threshold !== null ? { value: objective.threshold * m.factor, label: slo.objective } : undefined;
    repeat = renderRepeatSvg({
      values: slo.repeat.values.map((v) => v * m.factor),
      median: slo.repeat.median * m.factor,
      ci95: [slo.repeat.ci95[0] * m.factor, slo.repeat.ci95[1] * m.factor],
      yName: m.yName,
      ...(t ? { threshold: t } : {}),
    });
  }
  return { timeSeries, caption: captionFor(series), repeat };
}
