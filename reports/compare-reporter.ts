/**
 * Two runs side by side (`archtdd report --compare a.json b.json`): per SLO id, the value
 * and verdict in A and in B, the delta B − A and the regression flag (B judged against A
 * with the SLO's tolerance), plus both runs' facts. Writes compare.html and compare.md.
 */
import type { Journal, SloRecord } from '../harness/journal/schema.js';
import { VERDICT_EMOJI, countVerdicts, formatDelta, formatDuration, formatValue, machineLine } from './format.js';
import { badge, type VerdictBadge } from './html/view-model.js';
import { template } from './html/templates.js';
import { cell } from './markdown-reporter.js';
import { comparePair } from './regression.js';

export interface CompareRow {
  id: string;
  title: string;
  objective: string;
  a: { measured: string; badge: VerdictBadge | null };
  b: { measured: string; badge: VerdictBadge | null };
  delta: string;
  regression: boolean;
  changed: boolean;
}

export interface CompareRunView {
  label: string;
  file: string;
  id: string;
  startedAt: string;
  status: string;
  runtime: string;
  profile: string;
  duration: string;
  commit: string;
  machine: string;
  counts: string;
  versions: Array<{ key: string; value: string }>;
}

export interface CompareView {
  title: string;
  a: CompareRunView;
  b: CompareRunView;
  rows: CompareRow[];
  regressions: number;
  changed: number;
}

function runView(label: string, file: string, j: Journal): CompareRunView {
  const c = countVerdicts(j.slos);
  return {
    label,
    file,
    id: j.run.id,
    startedAt: j.run.startedAt,
    status: j.run.status,
    runtime: j.run.runtime,
    profile: j.run.profile,
    duration: formatDuration(j.run.durationMs),
    commit: j.run.commit ?? '–',
    machine: machineLine(j.run.machine),
    counts: `${c.PASS} PASS · ${c.FAIL} FAIL · ${c.INCONCLUSIVE} INCONCLUSIVE · ${c.INVALID} INVALID`,
    versions: Object.entries(j.run.versions).map(([key, value]) => ({ key, value })),
  };
}

export function buildCompareView(a: Journal, b: Journal, files: { a: string; b: string }): CompareView {
  const byA = new Map(a.slos.map((s) => [s.id, s]));
  const byB = new Map(b.slos.map((s) => [s.id, s]));
  const ids = [...new Set([...a.slos.map((s) => s.id), ...b.slos.map((s) => s.id)])];
  const side = (s: SloRecord | undefined) =>
    s ? { measured: formatValue(s.measured.value, s.measured.unit), badge: badge(s.verdict) } : { measured: 'not in this run', badge: null };
  const rows = ids.map((id): CompareRow => {
    const sa = byA.get(id);
    const sb = byB.get(id);
    const ref = (sb ?? sa)!;
    const pair = sa && sb ? comparePair(sb, sa) : undefined;
    return {
      id,
      title: ref.title,
      objective: sa && sb && sa.objective !== sb.objective ? `${sa.objective} → ${sb.objective}` : ref.objective,
      a: side(sa),
      b: side(sb),
      delta: formatDelta(pair, ref.measured.unit),
      regression: pair?.regression ?? false,
      changed: !sa || !sb || sa.verdict !== sb.verdict,
    };
  });
  return {
    title: 'archtdd: two runs side by side',
    a: runView('A', files.a, a),
    b: runView('B', files.b, b),
    rows,
    regressions: rows.filter((r) => r.regression).length,
    changed: rows.filter((r) => r.changed).length,
  };
}

export function renderCompareHtml(view: CompareView): string {
  return template<CompareView>('compare')(view);
}

export function renderCompareMarkdown(view: CompareView): string {
  const v = (s: CompareRow['a']) => (s.badge ? `${VERDICT_EMOJI[s.badge.verdict]} ${s.badge.verdict} ${s.measured}` : s.measured);
  const lines = [
    `## archtdd: A \`${view.a.id}\` vs B \`${view.b.id}\``,
    '',
    `A: ${view.a.counts}  `,
    `B: ${view.b.counts}`,
    '',
    `${view.changed} verdict changes · ${view.regressions} regressions`,
    '',
    '| SLO | objective | A | B | delta (B − A) |',
    '|---|---|---|---|---|',
    ...view.rows.map(
      (r) =>
        `| \`${cell(r.id)}\` | \`${cell(r.objective)}\` | ${cell(v(r.a))} | ${cell(v(r.b))} | ${cell(r.delta)}${r.regression ? ' ⚠️ regression' : ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
