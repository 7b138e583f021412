/** baseline.json: the journal itself, the single source every other output is rendered from. */
import type { Journal } from '../harness/journal/schema.js';
import type { JournalReporter } from './reporter.js';

export function renderJson(journal: Journal): string {
  return `${JSON.stringify(journal, null, 2)}\n`;
}

export const jsonReporter: JournalReporter = {
  name: 'json',
  fileName: 'baseline.json',
  render: renderJson,
};
