/** Fixed inputs for the report tests (see fixtures/make-fixtures.ts). */
import { readFileSync } from 'node:fs';
import type { Journal } from '../../../harness/journal/schema.js';

export function fixture(name: 'journal.json' | 'previous.json'): Journal {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Journal;
}
