/**
 * The vitest reporter that turns a run into its journal and every output.
 * Config: `reporters: ['default', './reports/vitest-reporter.ts']`.
 *
 * After the run (even when SLOs fail) it collects each test case's `meta.archtdd`
 * (harness/journal/meta.ts), assembles the journal, compares it with the committed
 * baseline (reports/baseline.json) and writes to reports/out/ (or $ARCHTDD_REPORT_DIR):
 * baseline.json, baseline.html, summary.md, junit.xml; appends summary.md to
 * $GITHUB_STEP_SUMMARY when set. With ARCHTDD_UPDATE_BASELINE=1 it also rewrites the
 * committed baseline. A run without archtdd meta (e.g. unit tests) writes nothing.
 */
import { appendFile, copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Reporter, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import { ArchtddError } from '../harness/errors.js';
import type { ArchtddMeta } from '../harness/journal/meta.js';
import type { Journal } from '../harness/journal/schema.js';
import { assembleJournal } from './assemble.js';
import { gitCommit, machineFacts } from './machine.js';
import { readBaselineIfAny } from './read-journal.js';
import { renderAll } from './render.js';

export const BASELINE_FILE = 'reports/baseline.json';
export const DEFAULT_OUT_DIR = 'reports/out';

export interface ArchtddReporterOptions {
  /** default $ARCHTDD_REPORT_DIR or reports/out, relative to the vitest root */
  outDir?: string;
  /** default reports/baseline.json, relative to the vitest root */
  baselineFile?: string;
  /** default ARCHTDD_UPDATE_BASELINE=1 */
  updateBaseline?: boolean;
  /** where run facts come from; default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface ReportOutcome {
  journal: Journal;
  files: string[];
}

export function collectMetas(testModules: ReadonlyArray<TestModule>): { metas: ArchtddMeta[]; failedScenarioTests: number } {
  const metas: ArchtddMeta[] = [];
  let failedScenarioTests = 0;
  for (const mod of testModules) {
    for (const test of mod.children.allTests()) {
      const meta = test.meta().archtdd;
      if (!meta) continue;
      metas.push(meta);
      if (meta.kind === 'scenario' && test.result().state === 'failed') failedScenarioTests++;
    }
  }
  return { metas, failedScenarioTests };
}

export default class ArchtddReporter implements Reporter {
  private root = process.cwd();
  private startedAt = new Date();
  /** the last run's outputs, for tests and the CLI */
  outcome: ReportOutcome | undefined;

  constructor(private readonly options: ArchtddReporterOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
    this.startedAt = new Date();
  }

  onTestRunStart(): void {
    this.startedAt = new Date();
  }

  async onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): Promise<void> {
    const env = this.options.env ?? process.env;
    const { metas, failedScenarioTests } = collectMetas(testModules);
    if (metas.length === 0) return;
    const journal = assembleJournal({
      metas,
      startedAt: this.startedAt,
      finishedAt: new Date(),
      reason,
      unhandledErrors: unhandledErrors.length,
      failedScenarioTests,
      machine: machineFacts(),
      commit: await gitCommit(this.root),
      defaults: { profile: env.ARCHTDD_PROFILE },
    });
    if (!journal) return;
    const outDir = path.resolve(this.root, this.options.outDir ?? env.ARCHTDD_REPORT_DIR ?? DEFAULT_OUT_DIR);
    const baselineFile = path.resolve(this.root, this.options.baselineFile ?? BASELINE_FILE);
    const previous = await readBaselineIfAny(baselineFile);
    let rendered: Awaited<ReturnType<typeof renderAll>>;
    try {
      rendered = await renderAll(journal, outDir, previous ? { previous } : {});
    } catch (error) {
      // never silent: vitest prints reporter errors, and CI checks that the files exist
      process.stderr.write(`\narchtdd: ${error instanceof ArchtddError ? error.describe() : String(error)}\n`);
      throw error;
    }
    const { files, journal: compared } = rendered;
    const summary = path.join(outDir, 'summary.md');
    if (env.GITHUB_STEP_SUMMARY) {
      await appendFile(env.GITHUB_STEP_SUMMARY, await readFile(summary, 'utf8'));
    }
    const update = this.options.updateBaseline ?? env.ARCHTDD_UPDATE_BASELINE === '1';
    if (update && compared.run.status !== 'completed') {
      process.stderr.write(
        `archtdd: not updating ${path.relative(this.root, baselineFile)}: the run is ${compared.run.status}, ` +
          'and a baseline must come from a completed run. Fix the run and update again.\n',
      );
    } else if (update) {
      await mkdir(path.dirname(baselineFile), { recursive: true });
      await copyFile(path.join(outDir, 'baseline.json'), baselineFile);
      files.push(baselineFile);
    }
    this.outcome = { journal: compared, files };
    const html = path.join(outDir, 'baseline.html');
    const shown = path.relative(this.root, html);
    process.stdout.write(`\narchtdd report: ${shown.startsWith('..') ? html : shown}\n`);
  }
}
