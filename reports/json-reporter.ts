/** baseline.json: the journal itself, the single source every other output is rendered from. */
import type { Journal } from '../harness/journal/schema.js';
import type { JournalReporter } from './reporter.js';

/**
 * Indented for diffs and reading, except series points: one line per series, so 100k
 * samples cost ~2 MB instead of ~9 MB.
 */
export function renderJson(journal: Journal): string {
  const compact: string[] = [];
  const text = JSON.stringify(
    journal,
    (key, value: unknown) => {
      if (key === 'points' && Array.isArray(value)) {
        compact.push(JSON.stringify(value));
        return `\u0000points:${compact.length - 1}`;
      }
      return value;
    },
    2,
  );
  return `${text.replace(/"\\u0000points:(\d+)"/g, (_, i: string) => compact[Number(i)]!)}\n`;
}

export const jsonReporter: JournalReporter = {
  name: 'json',
  fileName: 'baseline.json',
  render: renderJson,
};
