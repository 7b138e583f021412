/** Every command, one registration line each. */
import type { CAC } from 'cac';
import { ExitCode } from '../harness/errors.js';
import { discoverScenarios } from './discover.js';
import { runCommand } from './run.js';
import { assertValidScenarios } from '../harness/scenario/define.js';

export function registerCommands(cli: CAC): void {
  cli
    .command('run [...filters]', 'Run the SLO suites (all, or those whose scenario id, file or SLO id matches)')
    .option('--runtime <kind>', 'local | containers | external | auto', { default: process.env.ARCHTDD_RUNTIME ?? 'local' })
    .option('--profile <name>', 'quick | full (phase durations)', { default: process.env.ARCHTDD_PROFILE ?? 'quick' })
    .option('--config <file>', 'endpoints file for the external runtime')
    .option('--update-baseline', 'also write the committed baseline (reports/baseline.json)')
    .option('--seed <n>', 'seed for every random choice (jitter, toxicity)')
    .option('--report-dir <dir>', 'where reports are written (default reports/out)')
    .action((filters: string[], o: Record<string, unknown>) =>
      runCommand(filters, {
        runtime: String(o.runtime),
        profile: String(o.profile),
        ...(o.config ? { config: String(o.config) } : {}),
        ...(o.updateBaseline ? { updateBaseline: true } : {}),
        ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
        ...(o.reportDir ? { reportDir: String(o.reportDir) } : {}),
      }),
    );

  cli.command('validate [...filters]', 'Validate every scenario and SLO without starting anything').action(async (filters: string[]) => {
    const found = await discoverScenarios(filters);
    assertValidScenarios(found.map((d) => d.scenario));
    process.stdout.write(`${found.length} scenario(s), ${found.reduce((n, d) => n + d.scenario.slos.length, 0)} SLO(s): valid.\n`);
    return ExitCode.ok;
  });
}
