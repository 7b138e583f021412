/**
 * Reads an SLO objective (k6 threshold grammar, e.g. "p(95)<250ms", "rate<1%") just far
 * enough for reporting: which way is worse, and the threshold in the measured unit
 * (durations in ms, "%" as a ratio, the same normalisation the harness uses).
 * The harness's parser validates objectives before a run; this one never throws.
 */
export type Worse = 'higher' | 'lower' | 'either' | 'none';

export interface ObjectiveView {
  aggregation: string;
  operator: string;
  /** normalised threshold, or null when the objective does not parse */
  threshold: number | null;
  /** which way a measured value moving is bad */
  worse: Worse;
}

const SHAPE = /^\s*(.+?)\s*(===|==|!=|<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(ms|s|us|µs|%)?\s*$/i;
const FACTOR: Record<string, number> = { ms: 1, s: 1000, us: 0.001, µs: 0.001, '%': 0.01 };

export function readObjective(objective: string): ObjectiveView {
  const m = SHAPE.exec(objective);
  if (!m) return { aggregation: objective, operator: '', threshold: null, worse: 'none' };
  const operator = m[2]!;
  const unit = m[4]?.toLowerCase();
  const threshold = Number(m[3]) * (unit ? (FACTOR[unit] ?? 1) : 1);
  return { aggregation: m[1]!, operator, threshold, worse: worseDirection(operator) };
}

/** For "<" and "<=" higher is worse; for ">" and ">=" lower is worse; "==" any move; "!=" none. */
export function worseDirection(operator: string): Worse {
  switch (operator) {
    case '<':
    case '<=':
      return 'higher';
    case '>':
    case '>=':
      return 'lower';
    case '==':
    case '===':
      return 'either';
    default:
      return 'none';
  }
}
