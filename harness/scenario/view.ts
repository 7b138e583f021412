/**
 * What an SLO evaluation sees of a finished scenario run: the environment (still up, so
 * Prometheus can be queried), the timeline, the faults and the load outcome.
 */
import type { StartedEnvironment } from '../environment/start.js';
import type { FaultRecord, LoadSummary, PhaseRecord, SeriesRecord, TimeWindow } from '../journal/schema.js';

/** The load run as the SLO layer needs it (harness/load's result, adapted). */
export interface LoadOutcome {
  /** value of one aggregation ("p(95)", "avg", "rate", "count", "value") of one metric, null when absent */
  value(metric: string, aggregation: string): number | null;
  /** how many samples the metric has */
  samples(metric: string): number;
  summary: LoadSummary;
  series: SeriesRecord[];
  /** epoch ms */
  window: TimeWindow;
}

export interface ScenarioRunView {
  readonly env: StartedEnvironment;
  readonly phases: readonly PhaseRecord[];
  readonly faults: readonly FaultRecord[];
  readonly load?: LoadOutcome;
  /** The time window of an SLO: the whole run or one phase. */
  window(w: 'run' | { phase: string }): TimeWindow;
}
