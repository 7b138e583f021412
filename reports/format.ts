/**
 * Formatting shared by every output, so the HTML, Markdown and JUnit say the same thing.
 * INVALID and INCONCLUSIVE never read as a pass anywhere: the gate holds only when every
 * gate-mode SLO is PASS.
 */
import type { Journal, SloRecord, Verdict } from '../harness/journal/schema.js';

export const VERDICTS: readonly Verdict[] = ['PASS', 'FAIL', 'INCONCLUSIVE', 'INVALID'];
export const LAYERS = ['business', 'application', 'infrastructure'] as const;

export const VERDICT_EMOJI: Record<Verdict, string> = {
  PASS: '✅',
  FAIL: '❌',
  INCONCLUSIVE: '❔',
  INVALID: '🚫',
};

/** Plain symbols that every system font has (the HTML cannot count on an emoji font). */
export const VERDICT_SYMBOL: Record<Verdict, string> = {
  PASS: '✓',
  FAIL: '✗',
  INCONCLUSIVE: '?',
  INVALID: '⊘',
};

export const VERDICT_MEANING: Record<Verdict, string> = {
  PASS: 'the objective held, with enough data',
  FAIL: 'the objective was missed',
  INCONCLUSIVE: 'not enough data, or the repeats straddle the objective: not a pass',
  INVALID: 'the harness could not measure (generator behind, scrape gaps, fault not observed): not a pass',
};

export function countVerdicts(slos: readonly SloRecord[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { PASS: 0, FAIL: 0, INCONCLUSIVE: 0, INVALID: 0 };
  for (const s of slos) counts[s.verdict]++;
  return counts;
}

export interface GateOutcome {
  /** true only when there is at least one gate SLO and every gate SLO is PASS */
  holds: boolean;
  text: string;
  failing: SloRecord[];
}

export function gateOutcome(journal: Pick<Journal, 'slos'>): GateOutcome {
  const gates = journal.slos.filter((s) => s.mode === 'gate');
  const failing = gates.filter((s) => s.verdict !== 'PASS');
  if (gates.length === 0) return { holds: false, text: 'no gate SLOs: nothing was gated', failing };
  if (failing.length === 0) return { holds: true, text: `all ${gates.length} gate SLOs hold`, failing };
  return {
    holds: false,
    text: `${failing.length} of ${gates.length} gate SLOs do not hold (${failing.map((s) => `${s.id} ${s.verdict}`).join(', ')})`,
    failing,
  };
}

/** A number with sensible precision: 3 significant digits, no exponent for everyday values. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 0.001) return String(Number(value.toPrecision(3)));
  return value.toExponential(2);
}

/** "12.3 ms", "0.4 %" for ratios shown as percent, "no data" for null. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return 'no data';
  if (unit === 'ratio') return `${formatNumber(value * 100)} %`;
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** "+0.4 ms (+3.4%)"; ratios move in percentage points ("+0.2 pp"); "–" when either side is missing. */
export function formatDelta(previous: SloRecord['previous'], unit: string): string {
  if (!previous || previous.delta === null || previous.value === null) return '–';
  const d = previous.delta;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  const abs = unit === 'ratio' ? `${formatNumber(Math.abs(d) * 100)} pp` : formatValue(Math.abs(d), unit);
  const rel = previous.value !== 0 ? ` (${sign}${formatNumber(Math.abs((d / previous.value) * 100))}%)` : '';
  return `${sign}${abs}${rel}`;
}

export function formatPrevious(slo: SloRecord): string {
  if (!slo.previous) return '–';
  return formatValue(slo.previous.value, slo.measured.unit);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${formatNumber(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** "12:00:05–12:00:25 (20 s, steady)" from an epoch-ms window. */
export function formatWindow(w: { start: number; end: number; phase?: string } | undefined): string {
  if (!w) return '–';
  const t = (ms: number) => new Date(ms).toISOString().slice(11, 19);
  return `${t(w.start)}–${t(w.end)} UTC (${formatDuration(w.end - w.start)}${w.phase ? `, ${w.phase}` : ''})`;
}

export function describeSli(slo: SloRecord): string {
  if (slo.sli.kind === 'promql') return slo.sli.query ?? slo.evidence.promql ?? 'PromQL';
  if (slo.sli.kind === 'load') return `load metric ${slo.sli.metric ?? '(unnamed)'}`;
  return `probe ${slo.sli.metric ?? ''}`.trim();
}

export function machineLine(m: Journal['run']['machine']): string {
  return `${m.cpus} CPUs, ${formatNumber(m.memoryGiB)} GiB, ${m.os}, Node ${m.node}${m.hostname ? `, ${m.hostname}` : ''}`;
}
