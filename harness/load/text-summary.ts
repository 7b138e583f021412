/** The end-of-test summary, laid out as k6 prints it (dotted names, ✓/✗ on thresholds). */
import { formatDuration } from './duration.js';
import type { LoadResult } from './result.js';
import { trendStat } from './result.js';

const WIDTH = 32;

export function formatTextSummary(result: LoadResult, trendStats: readonly string[] = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']): string {
  const lines: string[] = [];
  const n = result.scenarios.length;
  lines.push(`  scenarios: (100.00%) ${n} scenario${n === 1 ? '' : 's'}, ${result.selfCheck.threads} thread(s), ran ${formatDuration(Math.round(result.durationMs))}:`);
  for (const s of result.scenarios) lines.push(`           * ${s.name}: ${s.description}`);
  lines.push('');
  const names = Object.keys(result.metrics)
    .filter((k) => !k.includes('{'))
    .sort();
  for (const name of names) {
    const m = result.metrics[name]!;
    if (m.type !== 'counter' && !(m.values.count ?? 0) && !(m.values.passes ?? 0) && !(m.values.fails ?? 0) && m.type !== 'gauge') continue;
    if (m.type === 'counter' && m.values.count === 0 && !result.thresholds.some((t) => t.metric === name)) continue;
    lines.push(row(result, name, '     ', trendStats));
    for (const sub of Object.keys(result.metrics).filter((k) => k.startsWith(`${name}{`))) {
      lines.push(row(result, sub, '       ', trendStats, `{ ${sub.slice(name.length + 1, -1).replace(/,/g, ', ')} }`));
    }
  }
  lines.push('');
  lines.push(`running (${formatDuration(Math.round(result.durationMs))}), ${result.iterations} complete and ${result.interrupted} interrupted iterations, ${result.dropped} dropped`);
  if (result.aborted) lines.push(`     aborted: ${result.aborted}`);
  if (result.saturated) lines.push(`     ! ${result.saturated}`);
  for (const t of result.thresholds.filter((x) => !x.ok)) lines.push(`     ✗ threshold ${t.metric}: ${t.source} crossed${t.reason ? ` (${t.reason})` : ''}`);
  return lines.join('\n');
}

function row(result: LoadResult, name: string, indent: string, trendStats: readonly string[], label = name): string {
  const m = result.metrics[name]!;
  const th = result.thresholds.filter((t) => t.metric === name);
  const mark = th.length ? (th.every((t) => t.ok) ? '✓ ' : '✗ ') : '  ';
  const head = `${indent}${mark}${label}`.padEnd(WIDTH + indent.length + 2, '.') + ': ';
  const v = m.values;
  switch (m.type) {
    case 'trend':
      return head + trendStats.map((s) => `${s}=${fmtTime(trendStat(result, name, s), m.contains === 'time')}`.padEnd(14)).join(' ');
    case 'counter':
      return head + `${fmtNum(v.count ?? 0)}`.padEnd(7) + ` ${fmtNum(v.rate ?? 0)}/s`;
    case 'rate':
      return head + `${((v.rate ?? 0) * 100).toFixed(2)}%`.padEnd(7) + ` ✓ ${v.passes ?? 0}`.padEnd(14) + ` ✗ ${v.fails ?? 0}`;
    case 'gauge':
      return head + `${fmtNum(v.value ?? 0)}`.padEnd(7) + ` min=${fmtNum(v.min ?? 0)}`.padEnd(14) + ` max=${fmtNum(v.max ?? 0)}`;
  }
}

function fmtTime(ms: number, isTime: boolean): string {
  if (!isTime) return fmtNum(ms);
  if (ms === 0) return '0s';
  if (ms < 1) return `${(ms * 1000).toFixed(2)}µs`;
  if (ms < 1000) return `${ms.toFixed(2)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

function fmtNum(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(6).replace(/0+$/, '');
}
