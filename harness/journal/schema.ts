/**
 * The journal: one JSON document per run, the single source for every output
 * (HTML, baseline JSON, JUnit annotations, Markdown). Reporters depend on this file only.
 *
 * Times are ISO-8601 strings in documents and epoch milliseconds in series and windows.
 */
export const JOURNAL_SCHEMA = 'archtdd.baseline/v1' as const;

export type Verdict = 'PASS' | 'FAIL' | 'INCONCLUSIVE' | 'INVALID';
export type SloMode = 'gate' | 'baseline';
export type Layer = 'business' | 'application' | 'infrastructure';
export type RuntimeKind = 'local' | 'containers' | 'external';
export type RunStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';

export interface Journal {
  schema: typeof JOURNAL_SCHEMA;
  run: RunRecord;
  scenarios: ScenarioRecord[];
  slos: SloRecord[];
}

export interface RunRecord {
  id: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  runtime: RuntimeKind;
  /** e.g. "quick" or "full": how long phases last. */
  profile: string;
  status: RunStatus;
  seed?: number;
  commit?: string;
  machine: { cpus: number; memoryGiB: number; os: string; node: string; hostname?: string };
  /** Version of every server and tool used, e.g. { redis: "7.0.15", prometheus: "2.42.0" }. */
  versions: Record<string, string>;
  /** Components that did not run on the chosen runtime, e.g. { kafka: "local mock (no image)" }. */
  substitutions?: Record<string, string>;
}

export interface TimeWindow {
  /** epoch ms */
  start: number;
  /** epoch ms */
  end: number;
  phase?: string;
}

export interface PhaseRecord extends TimeWindow {
  phase: string;
}

export interface FaultRecord {
  id: string;
  /** e.g. "latency", "down", "kill", "pause" */
  kind: string;
  /** link or component name, e.g. "catalog->postgres" */
  target: string;
  params: Record<string, unknown>;
  appliedAt?: number;
  removedAt?: number;
  /** Did a probe see the fault take effect? false makes the affected SLOs INVALID. */
  observed: boolean;
  observation?: string;
}

export interface SeriesRecord {
  name: string;
  unit: string;
  /** [epoch ms, value] */
  points: Array<[number, number]>;
}

export interface LoadSummary {
  executor: string;
  description: string;
  iterations: number;
  droppedIterations: number;
  failedRate: number;
  /** latency stats in ms */
  latencyMs: Record<string, number>;
  /** Why the generator's own measurements cannot be trusted, if so. */
  saturated?: string;
}

export interface ComponentRecord {
  name: string;
  kind: string;
  version: string;
  runtime: RuntimeKind;
  endpoint: string;
  note?: string;
}

export interface ScenarioRecord {
  id: string;
  title: string;
  file?: string;
  status: 'completed' | 'environment-failed' | 'aborted' | 'invalid';
  error?: string;
  startedAt: string;
  finishedAt: string;
  components: ComponentRecord[];
  phases: PhaseRecord[];
  faults: FaultRecord[];
  load?: LoadSummary;
  series: SeriesRecord[];
  /** The harness's own failures seen during the run (scrape gaps, generator behind, ...). */
  harnessIssues: string[];
}

export interface SliRecord {
  kind: 'promql' | 'load' | 'probe';
  /** PromQL query, when kind is promql */
  query?: string;
  /** load metric, e.g. "http_req_duration" */
  metric?: string;
}

export interface SloRecord {
  id: string;
  title: string;
  layer: Layer;
  hypothesis: string;
  scenario: string;
  /** k6 threshold grammar, e.g. "p(95)<50" */
  objective: string;
  mode: SloMode;
  sli: SliRecord;
  measured: { value: number | null; unit: string };
  verdict: Verdict;
  /** One sentence: why this verdict. */
  reason: string;
  evidence: {
    promql?: string;
    window?: TimeWindow;
    samples?: number;
    series?: SeriesRecord[];
    logs?: string[];
    [key: string]: unknown;
  };
  /** Relative or absolute tolerance for regression detection against the committed baseline. */
  tolerance?: { relative?: number; absolute?: number };
  previous?: { value: number | null; delta: number | null; regression: boolean; verdict?: Verdict };
  repeat?: { n: number; values: number[]; median: number; ci95: [number, number] };
}
