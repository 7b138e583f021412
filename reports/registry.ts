/**
 * Journal reporters by name. A new output is one file plus one line here.
 * (The side-by-side comparison takes two journals, so it is not in this registry:
 * see compare-reporter.ts.)
 */
import { htmlReporter } from './html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { junitReporter } from './junit-reporter.js';
import { markdownReporter } from './markdown-reporter.js';
import type { JournalReporter } from './reporter.js';

const reporters = new Map<string, JournalReporter>();

export function registerReporter(reporter: JournalReporter): void {
  reporters.set(reporter.name, reporter);
}

export function getReporter(name: string): JournalReporter {
  const r = reporters.get(name);
  if (!r) throw new Error(`unknown reporter "${name}"; known: ${reporterNames().join(', ')}`);
  return r;
}

export function reporterNames(): string[] {
  return [...reporters.keys()];
}

/** What a run writes by default. */
export const DEFAULT_REPORTERS = ['json', 'html', 'markdown', 'junit'] as const;

registerReporter(jsonReporter);
registerReporter(htmlReporter);
registerReporter(markdownReporter);
registerReporter(junitReporter);
