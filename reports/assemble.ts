/**
 * Builds the journal from what the suites attached to their test cases
 * (`task.meta.archtdd`, see harness/journal/meta.ts). Pure: time, machine and commit
 * come in as arguments, so it is testable without vitest.
 */
import { randomBytes } from 'node:crypto';
import type { ArchtddMeta } from '../harness/journal/meta.js';
import { JOURNAL_SCHEMA, type Journal, type RunRecord, type RunStatus } from '../harness/journal/schema.js';

export interface AssembleInput {
  metas: readonly ArchtddMeta[];
  startedAt: Date;
  finishedAt: Date;
  /** vitest's end reason */
  reason: 'passed' | 'failed' | 'interrupted';
  unhandledErrors: number;
  /** scenario test cases ("runs the scenario") that failed */
  failedScenarioTests?: number;
  machine: RunRecord['machine'];
  commit?: string;
  /** fallbacks when no scenario reported its facts */
  defaults?: { runtime?: RunRecord['runtime']; profile?: string };
  id?: string;
}

/** Sortable and unique enough: "20261121T231700Z-3f9a2c". */
export function newRunId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export function assembleJournal(input: AssembleInput): Journal | undefined {
  const scenarios = input.metas.flatMap((m) => (m.kind === 'scenario' ? [m] : []));
  const slos = input.metas.flatMap((m) => (m.kind === 'slo' ? [m.slo] : []));
  if (scenarios.length === 0 && slos.length === 0) return undefined;

  const versions: Record<string, string> = {};
  const substitutions: Record<string, string> = {};
  let seed: number | undefined;
  for (const s of scenarios) {
    Object.assign(versions, s.run.versions);
    Object.assign(substitutions, s.run.substitutions ?? {});
    seed ??= s.run.seed;
  }
  const first = scenarios[0]?.run;
  const run: RunRecord = {
    id: input.id ?? newRunId(input.startedAt),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    durationMs: Math.max(0, input.finishedAt.getTime() - input.startedAt.getTime()),
    runtime: first?.runtime ?? input.defaults?.runtime ?? 'local',
    profile: first?.profile ?? input.defaults?.profile ?? 'default',
    status: runStatus(input, scenarios.map((s) => s.scenario.status)),
    machine: input.machine,
    versions: sortKeys(versions),
  };
  if (seed !== undefined) run.seed = seed;
  if (input.commit) run.commit = input.commit;
  if (Object.keys(substitutions).length > 0) run.substitutions = sortKeys(substitutions);
  return { schema: JOURNAL_SCHEMA, run, scenarios: scenarios.map((s) => s.scenario), slos };
}

/**
 * interrupted: vitest was interrupted (Ctrl-C, bail). failed: the harness itself failed
 * (unhandled errors, a scenario that did not complete, a scenario test that threw).
 * completed: everything ran; SLO verdicts, even FAIL, are in the SLO records, not here.
 */
export function runStatus(
  input: Pick<AssembleInput, 'reason' | 'unhandledErrors' | 'failedScenarioTests'>,
  scenarioStatuses: readonly string[],
): RunStatus {
  if (input.reason === 'interrupted') return 'interrupted';
  if (input.unhandledErrors > 0 || (input.failedScenarioTests ?? 0) > 0) return 'failed';
  if (scenarioStatuses.some((s) => s === 'environment-failed' || s === 'aborted')) return 'failed';
  return 'completed';
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
