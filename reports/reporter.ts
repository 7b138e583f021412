/** What every journal reporter is: a name, the file it writes, and a pure render. */
import type { Journal } from '../harness/journal/schema.js';

export interface JournalReporter {
  /** registry name, e.g. "html" */
  name: string;
  /** file written under the output directory, e.g. "baseline.html" */
  fileName: string;
  render(journal: Journal): string | Promise<string>;
}
