/** baseline.html: the self-contained report (inline CSS and SVG charts, no scripts). */
import type { Journal } from '../harness/journal/schema.js';
import { buildReportView, type ReportView } from './html/view-model.js';
import { template } from './html/templates.js';
import type { JournalReporter } from './reporter.js';

export function renderHtml(journal: Journal): string {
  return template<ReportView>('report')(buildReportView(journal));
}

export const htmlReporter: JournalReporter = {
  name: 'html',
  fileName: 'baseline.html',
  render: renderHtml,
};
