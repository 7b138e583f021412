/**
 * What the SLO suites attach to vitest test cases (`task.meta.archtdd`) so that reporters
 * can assemble the journal. It crosses the worker boundary, so it must stay serialisable.
 *
 *   one test case per SLO:      { kind: 'slo', slo }
 *   one per scenario ("runs the scenario"): { kind: 'scenario', scenario, run }
 */
import type { RuntimeKind, ScenarioRecord, SloRecord } from './schema.js';

/** Facts about the run that only the scenario knows; the reporter merges them over all scenarios. */
export interface ScenarioRunFacts {
  runtime: RuntimeKind;
  profile: string;
  /** Version of every server and tool the scenario used, e.g. { redis: "7.0.15" }. */
  versions: Record<string, string>;
  seed?: number;
  substitutions?: Record<string, string>;
}

export interface SloMeta {
  kind: 'slo';
  slo: SloRecord;
}

export interface ScenarioMeta {
  kind: 'scenario';
  scenario: ScenarioRecord;
  run: ScenarioRunFacts;
}

export type ArchtddMeta = SloMeta | ScenarioMeta;

declare module '@vitest/runner' {
  interface TaskMeta {
    archtdd?: ArchtddMeta;
  }
}
