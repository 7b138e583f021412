/**
 * `archtdd run`: validate every selected scenario (exit 2 before any server starts), run the SLO
 * suites in vitest (project "slo"), then map the journal to the exit code:
 *   0 every gate SLO holds · 1 a gate SLO failed or was INCONCLUSIVE/INVALID · 2 invalid config or environment failed
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { ArchtddError, ExitCode } from '../harness/errors.js';
import { assertValidScenarios } from '../harness/scenario/define.js';
import type { Journal } from '../harness/journal/schema.js';
import { discoverScenarios, suiteFileOf } from './discover.js';

export interface RunOptions {
  runtime?: string;
  profile?: string;
  updateBaseline?: boolean;
  seed?: number;
  reportDir?: string;
  config?: string;
  env?: Record<string, string>;
}

export function reportDir(options: { reportDir?: string } = {}): string {
  return path.resolve(options.reportDir ?? process.env.ARCHTDD_REPORT_DIR ?? 'reports/out');
}

export async function runCommand(filters: string[], options: RunOptions): Promise<number> {
  let discovered;
  try {
    discovered = await discoverScenarios(filters);
    if (discovered.length === 0) {
      process.stderr.write(`archtdd: no scenario matches ${filters.length ? filters.join(', ') : 'assertions/**/*.scenario.ts'}.\n  fix: run "archtdd chaos --list" to see the scenarios.\n`);
      return ExitCode.invalid;
    }
    assertValidScenarios(discovered.map((d) => d.scenario));
  } catch (e) {
    if (e instanceof ArchtddError) {
      process.stderr.write(`archtdd: invalid configuration, nothing was started.\n${e.describe()}\n`);
      return e.exitCode;
    }
    throw e;
  }
  const out = reportDir(options);
  const env: Record<string, string> = {
    ...options.env,
    ARCHTDD_REPORT_DIR: out,
    ARCHTDD_VALIDATED: '1',
    ...(options.runtime ? { ARCHTDD_RUNTIME: options.runtime } : {}),
    ...(options.profile ? { ARCHTDD_PROFILE: options.profile } : {}),
    ...(options.updateBaseline ? { ARCHTDD_UPDATE_BASELINE: '1' } : {}),
    ...(options.seed !== undefined ? { ARCHTDD_SEED: String(options.seed) } : {}),
    ...(options.config ? { ARCHTDD_EXTERNAL_CONFIG: path.resolve(options.config) } : {}),
  };
  const files = [...new Set(discovered.map((d) => suiteFileOf(d.file)))];
  const vitest = await execa('node_modules/.bin/vitest', ['run', '--project', 'slo', ...files], {
    stdio: 'inherit',
    env,
    reject: false,
  });
  return exitCodeFromJournal(path.join(out, 'baseline.json'), vitest.exitCode ?? 1);
}

export async function exitCodeFromJournal(file: string, vitestExit: number): Promise<number> {
  let journal: Journal;
  try {
    journal = JSON.parse(await readFile(file, 'utf8')) as Journal;
  } catch {
    process.stderr.write(`archtdd: no journal at ${file}: the suites did not report (vitest exit ${vitestExit}).\n`);
    return ExitCode.invalid;
  }
  if (journal.scenarios.some((s) => s.status === 'environment-failed' || s.status === 'invalid')) return ExitCode.invalid;
  const failedGates = journal.slos.filter((s) => s.mode === 'gate' && s.verdict !== 'PASS');
  if (failedGates.length) return ExitCode.sloFailed;
  if (journal.slos.length === 0) return ExitCode.invalid;
  return vitestExit === 0 ? ExitCode.ok : ExitCode.sloFailed;
}
