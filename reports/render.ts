/**
 * Writes every output of one run from its journal: used by the vitest reporter after a
 * run and by `archtdd report` to re-render a saved journal.
 *
 *   const { files } = await renderAll(journal, 'reports/out', { previous: baseline });
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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
  for (const name of options.reporters ?? DEFAULT_REPORTERS) {
    const reporter = getReporter(name);
    const file = path.join(outDir, reporter.fileName);
    await writeFile(file, await reporter.render(compared));
    files.push(file);
  }
  return { files, journal: compared };
}
