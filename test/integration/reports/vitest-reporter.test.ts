/**
 * The reporter inside a real vitest run: a nested vitest runs a stand-in suite that
 * attaches meta, with real files written to a temp dir.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVitest } from 'vitest/node';
import type { Journal } from '../../../harness/journal/schema.js';
import ArchtddReporter from '../../../reports/vitest-reporter.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archtdd-reporter-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runSuite(suite: 'suite' | 'plain', reporter: ArchtddReporter): Promise<void> {
  const vitest = await startVitest(
    'test',
    [],
    {
      root: path.join(fixtures, suite),
      config: false,
      include: ['*.fixture.ts'],
      watch: false,
      reporters: [reporter],
      pool: 'threads',
    },
    {},
  );
  await vitest.close();
}

describe('ArchtddReporter in a real vitest run', () => {
  it('writes journal, HTML, Markdown and JUnit even though gate SLOs fail, and compares with the baseline', async () => {
    const out = path.join(dir, 'out');
    const baselineFile = path.join(dir, 'baseline.json');
    const previous = await readFile(new URL('../../unit/reports/fixtures/previous.json', import.meta.url), 'utf8');
    await writeFile(baselineFile, previous);
    const summaryFile = path.join(dir, 'step-summary.md');
    const reporter = new ArchtddReporter({ outDir: out, baselineFile, env: { GITHUB_STEP_SUMMARY: summaryFile } });
    await runSuite('suite', reporter);

    expect((await readdir(out)).sort()).toEqual(['baseline.html', 'baseline.json', 'junit.xml', 'summary.md']);
    const journal = JSON.parse(await readFile(path.join(out, 'baseline.json'), 'utf8')) as Journal;
    expect(journal.schema).toBe('archtdd.baseline/v1');
    expect(journal.slos).toHaveLength(6);
    expect(journal.scenarios.map((s) => s.id)).toEqual(['catalog-under-faults']);
    expect(journal.run).toMatchObject({ runtime: 'local', profile: 'quick', seed: 42, status: 'completed', substitutions: { kafka: 'mock' } });
    expect(journal.run.id).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{6}$/);
    expect(journal.run.machine.cpus).toBeGreaterThan(0);
    expect(Date.parse(journal.run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(journal.run.startedAt));
    expect(journal.slos.find((s) => s.id === 'catalog-p95')!.previous).toMatchObject({ value: 38, regression: true });
    // the step summary got the same Markdown
    expect(await readFile(summaryFile, 'utf8')).toBe(await readFile(path.join(out, 'summary.md'), 'utf8'));
    // a normal run never rewrites the committed baseline
    expect(await readFile(baselineFile, 'utf8')).toBe(previous);
    expect(reporter.outcome?.files).toHaveLength(4);
  });

  it('rewrites the committed baseline only when asked (ARCHTDD_UPDATE_BASELINE=1)', async () => {
    const out = path.join(dir, 'out');
    const baselineFile = path.join(dir, 'committed', 'baseline.json');
    await runSuite('suite', new ArchtddReporter({ outDir: out, baselineFile, env: {} }));
    expect(existsSync(baselineFile)).toBe(false);
    await runSuite('suite', new ArchtddReporter({ outDir: out, baselineFile, env: { ARCHTDD_UPDATE_BASELINE: '1' } }));
    const written = JSON.parse(await readFile(baselineFile, 'utf8')) as Journal;
    expect(written.slos.map((s) => s.id)).toContain('catalog-p95');
  });

  it('writes the outputs to $ARCHTDD_REPORT_DIR when no outDir is given', async () => {
    const out = path.join(dir, 'from-env');
    await runSuite('suite', new ArchtddReporter({ baselineFile: path.join(dir, 'none.json'), env: { ARCHTDD_REPORT_DIR: out } }));
    expect(existsSync(path.join(out, 'baseline.html'))).toBe(true);
  });

  it('writes nothing when no test carries archtdd meta', async () => {
    const out = path.join(dir, 'out');
    const reporter = new ArchtddReporter({ outDir: out, baselineFile: path.join(dir, 'b.json'), env: { ARCHTDD_UPDATE_BASELINE: '1' } });
    await runSuite('plain', reporter);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(dir, 'b.json'))).toBe(false);
    expect(reporter.outcome).toBeUndefined();
  });
});
