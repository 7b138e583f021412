/**
 * `archtdd report`: re-renders a saved journal without running anything, or compares two.
 *
 *   archtdd report                                   # reports/out/baseline.json -> reports/out/
 *   archtdd report --input old/baseline.json --out /tmp/r
 *   archtdd report --input run.json --baseline reports/baseline.json   # recompute deltas
 *   archtdd report --compare a.json b.json [--out DIR]                 # compare.html + compare.md
 *
 * Wire it in the main CLI with `registerReportCommand(cli)`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CAC } from 'cac';
import { ArchtddError, ExitCode } from '../harness/errors.js';
import { buildCompareView, renderCompareHtml, renderCompareMarkdown } from './compare-reporter.js';
import { gateOutcome } from './format.js';
import { readJournal } from './read-journal.js';
import { renderAll } from './render.js';
import { DEFAULT_OUT_DIR } from './vitest-reporter.js';

export interface ReportCommandOptions {
  input?: string;
  out?: string;
  baseline?: string;
  compare?: boolean;
  reporters?: string;
}

export const DEFAULT_INPUT = 'reports/out/baseline.json';

/** The command's work, separate from cac so tests can call it. Returns the files written. */
export async function runReportCommand(files: string[], options: ReportCommandOptions, log: (line: string) => void = console.log): Promise<string[]> {
  const outDir = options.out ?? process.env.ARCHTDD_REPORT_DIR ?? DEFAULT_OUT_DIR;
  if (options.compare) {
    if (files.length !== 2) {
      throw new ReportUsageError(`--compare needs exactly two journal files; got ${files.length}.`, {
        fix: 'Run: archtdd report --compare a.json b.json',
      });
    }
    const [fa, fb] = files as [string, string];
    const view = buildCompareView(await readJournal(fa), await readJournal(fb), { a: fa, b: fb });
    await mkdir(outDir, { recursive: true });
    const html = path.join(outDir, 'compare.html');
    const md = path.join(outDir, 'compare.md');
    await writeFile(html, renderCompareHtml(view));
    const markdown = renderCompareMarkdown(view);
    await writeFile(md, markdown);
    log(markdown);
    log(`compare report: ${html}`);
    return [html, md];
  }
  if (files.length > 0) {
    throw new ReportUsageError(`unexpected arguments: ${files.join(' ')}.`, {
      fix: 'Use --input FILE to re-render one journal, or --compare a.json b.json to compare two.',
    });
  }
  const input = options.input ?? DEFAULT_INPUT;
  const journal = await readJournal(input);
  const previous = options.baseline ? await readJournal(options.baseline) : undefined;
  const reporters = options.reporters?.split(',').map((s) => s.trim()).filter(Boolean);
  // Re-rendering must not overwrite the journal it reads unless asked to
  const sameFile = path.resolve(input) === path.resolve(outDir, 'baseline.json');
  const names = reporters ?? (sameFile && !previous ? ['html', 'markdown', 'junit'] : ['json', 'html', 'markdown', 'junit']);
  const { files: written, journal: rendered } = await renderAll(journal, outDir, { ...(previous ? { previous } : {}), reporters: names });
  log(`${gateOutcome(rendered).text}`);
  for (const f of written) log(`wrote ${f}`);
  return written;
}

export class ReportUsageError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
}

export function registerReportCommand(cli: CAC): void {
  cli
    .command('report [...files]', 'Re-render the report from a saved journal (no run), or compare two runs')
    .option('--input <file>', `Journal to render (default ${DEFAULT_INPUT})`)
    .option('--out <dir>', `Output directory (default $ARCHTDD_REPORT_DIR or ${DEFAULT_OUT_DIR})`)
    .option('--baseline <file>', 'Recompute previous/delta/regression against this journal')
    .option('--reporters <names>', 'Comma-separated reporters: json,html,markdown,junit')
    .option('--compare', 'Compare two journals side by side: report --compare a.json b.json')
    .example('archtdd report --compare reports/baseline.json reports/out/baseline.json')
    .action(async (files: string[], options: ReportCommandOptions) => {
      try {
        await runReportCommand(files, options);
      } catch (error) {
        if (error instanceof ArchtddError) {
          console.error(error.describe());
          process.exitCode = error.exitCode;
          return;
        }
        throw error;
      }
    });
}
