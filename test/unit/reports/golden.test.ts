/**
 * Golden tests: fixed journal + fixed previous baseline -> exact JSON, Markdown and JUnit.
 * Refresh on purpose with: ARCHTDD_UPDATE_GOLDEN=1 pnpm vitest run test/unit/reports/golden.test.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../reports/json-reporter.js';
import { renderJunit } from '../../../reports/junit-reporter.js';
import { renderMarkdown } from '../../../reports/markdown-reporter.js';
import { compareWithBaseline } from '../../../reports/regression.js';
import { fixture } from './load-fixtures.js';

const UPDATE = process.env.ARCHTDD_UPDATE_GOLDEN === '1';

function expectGolden(name: string, actual: string): void {
  const file = new URL(`./fixtures/expected/${name}`, import.meta.url);
  if (UPDATE) writeFileSync(file, actual);
  expect(existsSync(file), `golden file ${name} is missing: run with ARCHTDD_UPDATE_GOLDEN=1 once`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden outputs from fixtures/journal.json compared with fixtures/previous.json', () => {
  const journal = compareWithBaseline(fixture('journal.json'), fixture('previous.json'));

  it('baseline.json', () => {
    const json = renderJson(journal);
    expectGolden('baseline.json', json);
    expect(JSON.parse(json)).toEqual(journal);
  });

  it('summary.md', () => {
    expectGolden('summary.md', renderMarkdown(journal));
  });

  it('junit.xml', () => {
    expectGolden('junit.xml', renderJunit(journal));
  });
});
