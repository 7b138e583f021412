/**
 * sloSuite(scenario): turns a declared scenario into a vitest suite.
 *   - "runs the scenario": starts the environment, runs load and faults (its meta carries the ScenarioRecord)
 *   - one test per SLO: evaluates it and asserts it (gate: toHold; baseline: toBeMeasured)
 * Data reaches the reporters only through task.meta.archtdd (serialisable).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import '../journal/meta.js';
import type { SloRecord } from '../journal/schema.js';
import { assertValidScenarios, type Scenario } from '../scenario/define.js';
import '../scenario/validate.js';
import { runScenario, type ScenarioRun } from '../scenario/run.js';
import { applyFaultOverrides, overridesFromEnv } from '../scenario/overrides.js';
import type { Slo } from '../slo/define.js';
import { combineRepeats, sloIdentity } from '../slo/evaluate.js';
import './matchers.js';

let current: ScenarioRun | undefined;

/** The run of the suite being executed (escape hatch for imperative checks). */
export function currentRun(): ScenarioRun {
  if (!current) throw new Error('No scenario is running: call currentRun() inside a test after "runs the scenario".');
  return current;
}

export function sloSuite(scenario: Scenario): void {
  describe(`${scenario.id}: ${scenario.title}`, () => {
    let run: ScenarioRun | undefined;
    afterAll(async () => {
      current = undefined;
      await run?.[Symbol.asyncDispose]();
    });

    // repeat: N (per SLO, or ARCHTDD_REPEAT for all) runs the whole scenario N times; earlier runs are judged and released.
    const repeats = Number(process.env.ARCHTDD_REPEAT) || Math.max(1, ...scenario.slos.map((s) => s.repeat));
    const earlier = new Map<string, SloRecord[]>();

    it(`runs the scenario${repeats > 1 ? ` ${repeats} times` : ''}`, async ({ task }) => {
      const effective = process.env.ARCHTDD_CHAOS_SCENARIO === scenario.id ? applyFaultOverrides(scenario, overridesFromEnv()) : scenario;
      assertValidScenarios([effective]);
      for (let i = 1; i <= repeats; i++) {
        run = await runScenario(effective, { file: path.relative(process.cwd(), task.file.filepath) });
        current = run;
        if (run.error || i === repeats) break;
        for (const slo of scenario.slos) earlier.set(slo.id, [...(earlier.get(slo.id) ?? []), await run.evaluate(slo)]);
        await run[Symbol.asyncDispose]();
      }
      task.meta.archtdd = { kind: 'scenario', scenario: run!.record, run: run!.facts };
      if (run!.error) throw run!.error;
      expect(run!.record.status).toBe('completed');
    });

    for (const slo of scenario.slos) {
      it(`${slo.id} [${slo.mode}] ${slo.title}`, async ({ task, skip }) => {
        const last = run?.view ? await run.evaluate(slo) : notRun(slo, scenario, run);
        const record = combineRepeats([...(earlier.get(slo.id) ?? []), last], Number(process.env.ARCHTDD_SEED) || 1);
        task.meta.archtdd = { kind: 'slo', slo: record };
        if (slo.mode === 'gate') await expect(record).toHold();
        // A baseline SLO never fails the run: measured (PASS or FAIL) it passes as recorded;
        // not measured (INCONCLUSIVE / INVALID) it is reported as skipped with the reason, never as passed.
        else if (record.verdict === 'INCONCLUSIVE' || record.verdict === 'INVALID') skip(`not measured (${record.verdict}): ${record.reason}`);
        else await expect(record).toBeMeasured();
      });
    }
  });
}

function notRun(slo: Slo, scenario: Scenario, run: ScenarioRun | undefined): SloRecord {
  const why = run?.error ? `the scenario did not run: ${run.error.message}` : 'the scenario did not run';
  return {
    ...sloIdentity(slo, scenario.id),
    measured: { value: null, unit: slo.sli.unit },
    verdict: 'INVALID',
    reason: `Not measured: ${why}.`,
    evidence: {},
  };
}
