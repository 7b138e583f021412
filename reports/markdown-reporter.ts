/**
 * summary.md: the verdict table for CI summaries ($GITHUB_STEP_SUMMARY) and pull requests.
 * Non-PASS verdicts are listed with their reason under the table: INVALID and
 * INCONCLUSIVE never read as a pass.
 */
import type { Journal, SloRecord } from '../harness/journal/schema.js';
import {
  VERDICTS,
  VERDICT_EMOJI,
  countVerdicts,
  formatDelta,
  formatDuration,
  formatPrevious,
  formatValue,
  gateOutcome,
} from './format.js';
import type { JournalReporter } from './reporter.js';

/** Pipes and newlines would break a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function row(s: SloRecord): string {
  const delta = formatDelta(s.previous, s.measured.unit) + (s.previous?.regression ? ' ⚠️ regression' : '');
  return `| ${VERDICT_EMOJI[s.verdict]} ${s.verdict} | \`${cell(s.id)}\` ${cell(s.title)} | \`${cell(s.objective)}\` | ${cell(
    formatValue(s.measured.value, s.measured.unit),
  )} | ${cell(formatPrevious(s))} | ${cell(delta)} | ${s.mode} |`;
}

export function renderMarkdown(journal: Journal): string {
  const counts = countVerdicts(journal.slos);
  const gate = gateOutcome(journal);
  const r = journal.run;
  const lines: string[] = [];
  lines.push(`## archtdd: ${gate.holds ? '✅ gate holds' : '❌ gate does not hold'}`);
  lines.push('');
  lines.push(`${gate.text}.`);
  lines.push('');
  lines.push(VERDICTS.map((v) => `${VERDICT_EMOJI[v]} ${v} ${counts[v]}`).join(' · '));
  lines.push('');
  const facts = [
    `run \`${r.id}\``,
    `status ${r.status}`,
    `${r.runtime} runtime`,
    `profile ${r.profile}`,
    formatDuration(r.durationMs),
    ...(r.commit ? [`commit \`${r.commit}\``] : []),
  ];
  lines.push(facts.join(' · '));
  lines.push('');
  lines.push('| verdict | SLO | objective | measured | previous | delta | mode |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const s of journal.slos) lines.push(row(s));
  const notPass = journal.slos.filter((s) => s.verdict !== 'PASS');
  if (notPass.length > 0) {
    lines.push('');
    lines.push('### Not passing');
    lines.push('');
    for (const s of notPass) lines.push(`- ${VERDICT_EMOJI[s.verdict]} **${s.verdict}** \`${s.id}\` (${s.mode}): ${s.reason}`);
  }
  const issues = journal.scenarios.flatMap((sc) => [
    ...(sc.status !== 'completed' ? [`scenario \`${sc.id}\` ${sc.status}${sc.error ? `: ${sc.error}` : ''}`] : []),
    ...sc.harnessIssues.map((i) => `scenario \`${sc.id}\`: ${i}`),
  ]);
  if (issues.length > 0) {
    lines.push('');
    lines.push('### Harness issues');
    lines.push('');
    for (const i of issues) lines.push(`- ${i}`);
  }
  lines.push('');
  return lines.join('\n');
}

export const markdownReporter: JournalReporter = {
  name: 'markdown',
  fileName: 'summary.md',
  render: renderMarkdown,
};
