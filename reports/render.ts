/**
 * Writes every output of one run from its journal: used by the vitest reporter after a
 * run and by `archtdd report` to re-render a saved journal.
 *
 *   const { files } = await renderAll(journal, 'reports/out', { previous: baseline });
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ArchtddError, ExitCode } from '../harness/errors.js';
import type { Journal } from '../harness/journal/schema.js';
import { compareWithBaseline } from './regression.js';
import { DEFAULT_REPORTERS, getReporter } from './registry.js';

export interface RenderOptions {
  /** the committed baseline: fills each SLO's previous value, delta and regression flag */
  previous?: Journal;
  /** reporter names; default json, html, markdown, junit */
  reporters?: readonly string[];
}

export async function renderAll(journal: Journal, outDir: string, options: RenderOptions = {}): Promise<{ files: string[]; journal: Journal }> {
  const compared = compareWithBaseline(journal, options.previous);
  await mkdir(outDir, { recursive: true });
  const files: string[] = [];
  const failures: string[] = [];
  // One broken output must not cost the others: the journal (json) is written first and
  // every reporter is tried; the failures are reported together afterwards.
  for (const name of options.reporters ?? DEFAULT_REPORTERS) {
    const reporter = getReporter(name);
    const file = path.join(outDir, reporter.fileName);
    try {
      await writeFile(file, await reporter.render(compared));
      files.push(file);
    } catch (error) {
      failures.push(`${reporter.name} (${reporter.fileName}): ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) throw new ReportRenderError(failures, files);
  return { files, journal: compared };
}

/** Some outputs could not be written; `written` lists the ones that were. */
export class ReportRenderError extends ArchtddError {
  readonly exitCode = ExitCode.invalid;
  constructor(
    readonly failures: string[],
    readonly written: string[],
  ) {
    super(`${failures.length} report output(s) could not be written: ${failures.join('; ')}.`, {
      fix: 'This is a bug in archtdd\'s reporters (the journal was still written if json is listed); please report it with the journal.',
    });
  }
}
