/**
 * junit.xml from the journal: one testcase per SLO, grouped in one testsuite per scenario.
 * vitest's own JUnit output knows pass/fail of test functions, not verdicts; this one does.
 *
 *   gate FAIL / INCONCLUSIVE / INVALID -> <failure type="VERDICT">
 *   baseline-mode non-PASS             -> <skipped> (recorded, never gates; still not a pass)
 *   PASS                               -> plain testcase
 * Every testcase carries properties: verdict, mode, layer, objective, measured, unit, previous, delta.
 */
import type { Journal, SloRecord } from '../harness/journal/schema.js';
import { formatValue } from './format.js';
import type { JournalReporter } from './reporter.js';

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // characters XML 1.0 forbids even escaped
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function attrs(o: Record<string, string | number>): string {
  return Object.entries(o)
    .map(([k, v]) => `${k}="${xmlEscape(String(v))}"`)
    .join(' ');
}

function properties(s: SloRecord): string {
  const p: Record<string, string> = {
    verdict: s.verdict,
    mode: s.mode,
    layer: s.layer,
    objective: s.objective,
    measured: s.measured.value === null ? 'null' : String(s.measured.value),
    unit: s.measured.unit,
  };
  if (s.previous) {
    p.previous = s.previous.value === null ? 'null' : String(s.previous.value);
    p.delta = s.previous.delta === null ? 'null' : String(s.previous.delta);
    p.regression = String(s.previous.regression);
  }
  if (s.repeat) p.ci95 = `[${s.repeat.ci95[0]}, ${s.repeat.ci95[1]}]`;
  return Object.entries(p)
    .map(([name, value]) => `        <property ${attrs({ name, value })}/>`)
    .join('\n');
}

function testcase(s: SloRecord, classname: string): string {
  const measured = formatValue(s.measured.value, s.measured.unit);
  const message = `${s.verdict}: ${s.objective}, measured ${measured}. ${s.reason}`;
  const detail = [message, ...(s.evidence.promql ? [`PromQL: ${s.evidence.promql}`] : []), ...(s.evidence.logs ?? [])].join('\n');
  let outcome = '';
  if (s.verdict !== 'PASS' && s.mode === 'gate') {
    outcome = `\n      <failure ${attrs({ message, type: s.verdict })}>${xmlEscape(detail)}</failure>`;
  } else if (s.verdict !== 'PASS') {
    outcome = `\n      <skipped ${attrs({ message: `baseline mode, not gated: ${message}` })}/>`;
  }
  return `    <testcase ${attrs({ classname, name: `${s.id}: ${s.title}`, time: 0 })}>
      <properties>
${properties(s)}
      </properties>${outcome}
    </testcase>`;
}

export function renderJunit(journal: Journal): string {
  const groups = new Map<string, SloRecord[]>();
  for (const s of journal.slos) groups.set(s.scenario, [...(groups.get(s.scenario) ?? []), s]);
  const count = (list: SloRecord[]) => ({
    tests: list.length,
    failures: list.filter((s) => s.mode === 'gate' && s.verdict !== 'PASS').length,
    skipped: list.filter((s) => s.mode !== 'gate' && s.verdict !== 'PASS').length,
  });
  const suites = [...groups].map(([scenario, list]) => {
    const c = count(list);
    return `  <testsuite ${attrs({ name: `archtdd ${scenario}`, tests: c.tests, failures: c.failures, errors: 0, skipped: c.skipped, time: 0, timestamp: journal.run.startedAt })}>
${list.map((s) => testcase(s, `archtdd.${scenario}`)).join('\n')}
  </testsuite>`;
  });
  const all = count(journal.slos);
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites ${attrs({ name: `archtdd ${journal.run.id}`, tests: all.tests, failures: all.failures, errors: 0, skipped: all.skipped, time: journal.run.durationMs / 1000 })}>
${suites.join('\n')}
</testsuites>
`;
}

export const junitReporter: JournalReporter = {
  name: 'junit',
  fileName: 'junit.xml',
  render: renderJunit,
};
