/**
 * Runs a real k6 script when a k6 binary exists (K6_BIN, else `k6` on PATH):
 *   k6 run --summary-export S --out json=J --summary-trend-stats ... script.js
 * and maps its metrics and thresholds into the same LoadResult as the embedded engine.
 * k6 exit 99 (thresholds crossed) is a result, not an error; other non-zero exits throw.
 * Verified here only against recorded outputs in k6's documented formats (no k6 binary
 * can be installed on these machines): see test/unit/load/k6-runner.test.ts.
 */
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { EnvironmentStartError, MissingBinaryError } from '../errors.js';
import { k6Result } from './k6-parse.js';
import type { LoadResult } from './result.js';

export const K6_EXIT = { thresholdsFailed: 99, invalidConfig: 104, externalAbort: 105, scriptException: 107, scriptAborted: 108 } as const;

/** Path of the k6 binary, or undefined. */
export async function findK6(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const candidates = env.K6_BIN ? [env.K6_BIN] : (env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'k6'));
  for (const c of candidates) {
    try {
      await access(c, constants.X_OK);
      return c;
    } catch {
      // next
    }
  }
  return undefined;
}

export interface K6RunOptions {
  /** k6 binary; default findK6() */
  k6Bin?: string;
  /** extra args before the script, e.g. ['--vus', '10'] */
  args?: string[];
  env?: Record<string, string>;
  summaryTrendStats?: string[];
  signal?: AbortSignal;
  cwd?: string;
  /** Keep the raw output files here instead of a temp dir. */
  outDir?: string;
}

export async function runK6(script: string, opts: K6RunOptions = {}): Promise<LoadResult> {
  const bin = opts.k6Bin ?? (await findK6());
  if (!bin) throw new MissingBinaryError('k6', 'k6 (from https://grafana.com/docs/k6/latest/set-up/install-k6/; not in Debian; or set K6_BIN)');
  const dir = opts.outDir ?? (await mkdtemp(path.join(tmpdir(), 'archtdd-k6-')));
  const summaryFile = path.join(dir, 'summary-export.json');
  const jsonFile = path.join(dir, 'k6-out.json');
  const stats = (opts.summaryTrendStats ?? ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']).join(',');
  try {
    const started = Date.now();
    const child = await execa(
      'setpriv',
      ['--pdeathsig', 'TERM', '--', bin, 'run', '--quiet', '--summary-export', summaryFile, '--out', `json=${jsonFile}`, '--summary-trend-stats', stats, ...(opts.args ?? []), script],
      { reject: false, cwd: opts.cwd, env: opts.env, cancelSignal: opts.signal, all: true },
    );
    if (child.exitCode !== 0 && child.exitCode !== K6_EXIT.thresholdsFailed) {
      throw new EnvironmentStartError(`k6 run ${script} exited with ${child.exitCode ?? child.signal}: ${String(child.all ?? '').split('\n').slice(-5).join(' | ')}`, {
        fix: child.exitCode === K6_EXIT.invalidConfig ? 'Fix the script options (k6 reported invalid configuration).' : 'Run the script with k6 by hand to see the full log.',
      });
    }
    const summary = JSON.parse(await readFile(summaryFile, 'utf8'));
    return await k6Result(summary, { jsonOutput: jsonFile, script, durationMs: Date.now() - started });
  } finally {
    if (!opts.outDir) await rm(dir, { recursive: true, force: true });
  }
}
