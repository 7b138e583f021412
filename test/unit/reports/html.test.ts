import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../reports/html-reporter.js';
import { template } from '../../../reports/html/templates.js';
import { buildReportView } from '../../../reports/html/view-model.js';
import { compareWithBaseline } from '../../../reports/regression.js';
import { fixture } from './load-fixtures.js';

const journal = compareWithBaseline(fixture('journal.json'), fixture('previous.json'));
const html = renderHtml(journal);

describe('baseline.html from the fixture journal', () => {
  it('has one table row per SLO, carrying its verdict', () => {
    for (const s of journal.slos) {
      expect(html).toContain(`<tr class="slo-row" data-slo="${s.id}" data-verdict="${s.verdict}">`);
      expect(html).toContain(`id="slo-${s.id}"`);
    }
    expect(html.match(/<tr class="slo-row"/g)).toHaveLength(journal.slos.length);
  });

  it('groups rows by layer in the order business, application, infrastructure', () => {
    const order = [...html.matchAll(/<tr class="layer"><td colspan="7">(\w+)<\/td><\/tr>/g)].map((m) => m[1]);
    expect(order).toEqual(['business', 'application', 'infrastructure']);
  });

  it('is self-contained: no scripts, no external stylesheets, images or fonts', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toMatch(/<style>/);
  });

  it('draws charts as inline SVG with data paths', () => {
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(journal.slos.length - 1);
    expect(svgs.some((s) => /<path d="M[\d.]+ [\d.]+L/.test(s))).toBe(true);
  });

  it('never renders INVALID or INCONCLUSIVE as a pass', () => {
    const view = buildReportView(journal);
    for (const row of view.layers.flatMap((l) => l.rows)) {
      if (row.badge.verdict !== 'PASS') expect(row.badge.cls).not.toBe('v-pass');
    }
    expect(view.gate.holds).toBe(false);
    expect(html).toContain('data-gate="does-not-hold"');
    expect(html).toContain('<span class="badge v-invalid" data-verdict="INVALID">');
    expect(html).toContain('<span class="badge v-inconclusive" data-verdict="INCONCLUSIVE">');
  });

  it('shows previous value, delta and the regression flag', () => {
    expect(html).toMatch(/data-slo="catalog-p95"[\s\S]*?38 ms[\s\S]*?\+7\.03 ms \(\+18\.5%\)<br><span class="regression">regression<\/span>/);
  });

  it('shows the failure log lines, the run facts and the legend', () => {
    expect(html).toContain('catalog ERR redis: connect ECONNREFUSED');
    expect(html).toContain('<dt>redis</dt><dd>7.0.15</dd>');
    expect(html).toContain('Prometheus scrape gap');
    expect(html).toContain('What each column means');
    expect(html).toContain('librdkafka mock cluster');
  });

  it('escapes text from the journal', () => {
    const j = structuredClone(journal);
    j.slos[0]!.title = '<img src=x onerror=alert(1)>';
    j.slos[0]!.evidence.series![0]!.name = '<script>alert(1)</script>';
    j.scenarios[0]!.faults[0]!.kind = '<img src=y onerror=alert(2)>';
    const out = renderHtml(j);
    expect(out).toContain('&lt;img src');
    expect(out).not.toContain('<img src=');
    expect(out).not.toMatch(/<script/i);
  });

  it('renders a journal with no series, no scenarios and null values without throwing', () => {
    const j = structuredClone(journal);
    j.scenarios = [];
    for (const s of j.slos) {
      s.evidence = {};
      s.measured.value = null;
      delete s.repeat;
      delete s.previous;
    }
    const out = renderHtml(j);
    expect(out).toContain('No time series was recorded for this SLO.');
    expect(out).not.toMatch(/<svg/);
  });
});

describe('long logs', () => {
  it('shows the last 200 lines and says how many were left out', () => {
    const j = structuredClone(journal);
    j.slos[1]!.evidence.logs = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const out = renderHtml(j);
    expect(out).toContain('800 earlier lines omitted');
    expect(out).toContain('line 999');
    expect(out).not.toContain('line 799\n');
  });
});

describe('templates are compiled in strict mode', () => {
  it('a view missing a field the template prints throws instead of printing nothing', () => {
    const view = buildReportView(journal) as unknown as Record<string, unknown>;
    const broken = { ...view, run: { ...(view.run as object), commit: undefined } };
    delete (broken.run as Record<string, unknown>).commit;
    expect(() => template('report')(broken)).toThrow(/"commit" not defined/);
  });
});
