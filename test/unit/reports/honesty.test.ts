/** INVALID and INCONCLUSIVE never read as a pass, in any output. */
import { describe, expect, it } from 'vitest';
import type { Journal, Verdict } from '../../../harness/journal/schema.js';
import { renderHtml } from '../../../reports/html-reporter.js';
import { renderJunit } from '../../../reports/junit-reporter.js';
import { renderMarkdown } from '../../../reports/markdown-reporter.js';
import { fixture } from './load-fixtures.js';

function only(verdict: Verdict, mode: 'gate' | 'baseline'): Journal {
  const j = fixture('journal.json');
  j.slos = [{ ...j.slos[0]!, verdict, mode }];
  return j;
}

describe.each<Verdict>(['INVALID', 'INCONCLUSIVE', 'FAIL'])('a lone %s SLO', (verdict) => {
  it('gate mode: JUnit has a failure, Markdown and HTML say the gate does not hold', () => {
    const j = only(verdict, 'gate');
    expect(renderJunit(j)).toMatch(new RegExp(`<failure [^>]*type="${verdict}"`));
    expect(renderJunit(j)).toMatch(/failures="1"/);
    expect(renderMarkdown(j)).toContain('❌ gate does not hold');
    expect(renderHtml(j)).toContain('data-gate="does-not-hold"');
  });

  it('baseline mode: JUnit marks it skipped (recorded, not gated), never as a plain pass', () => {
    const xml = renderJunit(only(verdict, 'baseline'));
    expect(xml).toMatch(/<skipped message="baseline mode, not gated: /);
    expect(xml).toMatch(/failures="0"/);
    expect(xml).toMatch(/skipped="1"/);
    // with no gate SLO at all, nothing was gated: not reported as holding either
    expect(renderMarkdown(only(verdict, 'baseline'))).toContain('❌ gate does not hold');
  });
});

describe('a lone PASS gate SLO', () => {
  it('is a plain JUnit testcase and the gate holds', () => {
    const j = only('PASS', 'gate');
    expect(renderJunit(j)).not.toMatch(/<failure|<skipped/);
    expect(renderMarkdown(j)).toContain('✅ gate holds');
    expect(renderHtml(j)).toContain('data-gate="holds"');
  });
});
