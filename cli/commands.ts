/** Every command, one registration line each. */
import type { CAC } from 'cac';
import { ExitCode, InvalidConfigError } from '../harness/errors.js';
import { discoverScenarios } from './discover.js';
import { runCommand } from './run.js';
import { registerToxiproxyCommand } from '../chaos/cli.js';
import { registerReportCommand } from '../reports/cli.js';
import { registerLoadCommand } from '../harness/load/cli.js';
import { assertValidScenarios, type Scenario } from '../harness/scenario/define.js';
import { applyFaultOverrides, parseFaultOverride } from '../harness/scenario/overrides.js';
import { currentProfile, phaseDurationMs } from '../harness/scenario/profile.js';

export function registerCommands(cli: CAC): void {
  registerToxiproxyCommand(cli);
  registerReportCommand(cli);
  registerLoadCommand(cli);

  cli
    .command('run [...filters]', 'Run the SLO suites (all, or those whose scenario id, file or SLO id matches)')
    .option('--runtime <kind>', 'local | containers | external | auto', { default: process.env.ARCHTDD_RUNTIME ?? 'local' })
    .option('--profile <name>', 'quick | full (phase durations)', { default: process.env.ARCHTDD_PROFILE ?? 'quick' })
    .option('--config <file>', 'endpoints file for the external runtime')
    .option('--update-baseline', 'also write the committed baseline (reports/baseline.json)')
    .option('--seed <n>', 'seed for every random choice (jitter, toxicity)')
    .option('--repeat <n>', 'run each scenario N times; verdicts on the median with a 95% bootstrap interval')
    .option('--report-dir <dir>', 'where reports are written (default reports/out)')
    .action((filters: string[], o: Record<string, unknown>) => {
      if (o.repeat !== undefined && !(Number.isInteger(Number(o.repeat)) && Number(o.repeat) >= 1 && Number(o.repeat) <= 50)) {
        throw new InvalidConfigError([{ path: '--repeat', message: `is "${String(o.repeat)}".`, fix: 'Use a whole number from 1 to 50.' }]);
      }
      return runCommand(filters, {
        runtime: String(o.runtime),
        profile: String(o.profile),
        ...(o.config ? { config: String(o.config) } : {}),
        ...(o.updateBaseline ? { updateBaseline: true } : {}),
        ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
        ...(o.reportDir ? { reportDir: String(o.reportDir) } : {}),
        ...(o.repeat !== undefined ? { env: { ARCHTDD_REPEAT: String(o.repeat) } } : {}),
      });
    });

  cli
    .command('chaos [scenario]', 'Rerun one scenario locally, with fault overrides, writing its own report')
    .option('--list', 'list the scenarios, their phases and faults')
    .option('--fault <override>', '[target:]kind[.param=value,...], e.g. latency.latencyMs=300 (repeatable)')
    .option('--seed <n>', 'seed for jitter and toxicity')
    .option('--runtime <kind>', 'local | containers | external', { default: 'local' })
    .action(async (id: string | undefined, o: Record<string, unknown>) => {
      const all = await discoverScenarios();
      if (o.list || !id) {
        process.stdout.write(listScenarios(all.map((d) => d.scenario)));
        return id || o.list ? ExitCode.ok : ExitCode.invalid;
      }
      const matches = all.filter((d) => d.scenario.id === id || d.scenario.slos.some((s) => s.id === id));
      if (matches.length !== 1) {
        process.stderr.write(`archtdd chaos: "${id}" names ${matches.length} scenarios.\n  fix: use a scenario id from "archtdd chaos --list".\n`);
        return ExitCode.invalid;
      }
      const scenario = matches[0]!.scenario;
      const overrides = ([] as unknown[]).concat(o.fault ?? []).map((f) => parseFaultOverride(String(f)));
      assertValidScenarios([applyFaultOverrides(scenario, overrides)]);
      return runCommand([scenario.id], {
        runtime: String(o.runtime),
        reportDir: `reports/out/chaos/${scenario.id}`,
        ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
        env: { ARCHTDD_CHAOS_SCENARIO: scenario.id, ARCHTDD_FAULT_OVERRIDES: JSON.stringify(overrides) },
      });
    });

  cli.command('validate [...filters]', 'Validate every scenario and SLO without starting anything').action(async (filters: string[]) => {
    const found = await discoverScenarios(filters);
    assertValidScenarios(found.map((d) => d.scenario));
    process.stdout.write(`${found.length} scenario(s), ${found.reduce((n, d) => n + d.scenario.slos.length, 0)} SLO(s): valid.\n`);
    return ExitCode.ok;
  });
}

function listScenarios(scenarios: Scenario[]): string {
  const lines: string[] = [];
  for (const s of scenarios) {
    lines.push(`${s.id}  ${s.title}  (${s.slos.length} SLOs: ${s.slos.map((x) => x.id).join(', ')})`);
    for (const p of s.phases ?? []) {
      const faults = (p.faults ?? []).map((f) => `${f.target}: ${f.fault.describe()}`).join('; ');
      lines.push(`    ${p.name.padEnd(10)} ${String(phaseDurationMs(p.duration, currentProfile()) ?? '?').padStart(7)} ms  ${faults}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
