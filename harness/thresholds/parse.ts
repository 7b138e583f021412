/**
 * k6's threshold grammar, accepted verbatim (see grafana/k6 metrics/thresholds_parser.go).
 *
 *   assertion           -> aggregation_method whitespace* operator whitespace* float unit?
 *   aggregation_method  -> trend | rate | gauge | counter
 *   counter             -> "count" | "rate"
 *   gauge               -> "value"
 *   rate                -> "rate"
 *   trend               -> "avg" | "min" | "max" | "med" | percentile
 *   percentile          -> "p(" float ")"
 *   operator            -> ">" | ">=" | "<=" | "<" | "==" | "===" | "!="
 *   float               -> digit+ ("." digit+)?
 *   unit                -> "ms" | "s" | "us" | "µs" | "%"         (archtdd extension; k6 has none)
 *
 * Units are an archtdd extension so objectives can say what they mean: durations are
 * normalised to milliseconds (k6's trend unit), "%" to a ratio (1% -> 0.01).
 * Parsing is done in two steps, as k6 does: shape first (this file), then meaning against
 * the metric's type (validateThresholdForMetric).
 */
export type Operator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';
export type Aggregation = 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' | `p(${number})`;
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend';

export interface Threshold {
  source: string;
  aggregation: Aggregation;
  /** 0..100, only for p(N) */
  percentile?: number;
  operator: Operator;
  /** Normalised value: milliseconds for durations, a ratio for "%". */
  value: number;
  /** The unit as written, if any. */
  unit?: 'ms' | 's' | 'us' | 'µs' | '%';
}

export class ThresholdSyntaxError extends Error {
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`threshold "${source}" is malformed: ${detail}`);
    this.name = 'ThresholdSyntaxError';
  }
}

const OPERATORS: readonly Operator[] = ['===', '==', '!=', '<=', '>=', '<', '>'];
const PLAIN_AGGREGATIONS = ['avg', 'min', 'max', 'med', 'count', 'rate', 'value'] as const;
const SHAPE = /^\s*([a-z]+|p\(\s*[^)]*\))\s*(===|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/;
const NUMBER_UNIT = /^(-?\d+(?:\.\d+)?)(ms|s|us|µs|%)?$/;
const UNIT_FACTOR: Record<NonNullable<Threshold['unit']>, number> = { ms: 1, s: 1000, us: 0.001, µs: 0.001, '%': 0.01 };

export const THRESHOLD_EXAMPLES = 'e.g. "p(95)<200", "avg<=100ms", "rate<0.01", "rate<1%", "count>=1000", "value>0"';

export function parseThreshold(source: string): Threshold {
  if (typeof source !== 'string' || source.trim() === '') {
    throw new ThresholdSyntaxError(String(source), `it is empty; write aggregation operator value, ${THRESHOLD_EXAMPLES}`);
  }
  const m = SHAPE.exec(source);
  if (!m) {
    const hasOp = OPERATORS.some((o) => source.includes(o));
    throw new ThresholdSyntaxError(
      source,
      hasOp
        ? `expected "aggregation operator value", ${THRESHOLD_EXAMPLES}`
        : `no comparison operator found; use one of ${OPERATORS.join(' ')}`,
    );
  }
  const [, aggRaw, op, valueRaw] = m as unknown as [string, string, Operator, string];
  let aggregation: Aggregation;
  let percentile: number | undefined;
  if (aggRaw.startsWith('p(')) {
    const inner = aggRaw.slice(2, -1).trim();
    if (!/^\d+(\.\d+)?$/.test(inner)) {
      throw new ThresholdSyntaxError(source, `percentile "${aggRaw}" must be p(N) with N a number from 0 to 100, e.g. p(99.9)`);
    }
    percentile = Number(inner);
    if (percentile < 0 || percentile > 100) {
      throw new ThresholdSyntaxError(source, `percentile ${percentile} is outside 0..100`);
    }
    aggregation = `p(${inner})` as Aggregation;
  } else if ((PLAIN_AGGREGATIONS as readonly string[]).includes(aggRaw)) {
    aggregation = aggRaw as Aggregation;
  } else {
    throw new ThresholdSyntaxError(
      source,
      `unknown aggregation "${aggRaw}"; valid ones are ${PLAIN_AGGREGATIONS.join(', ')} and p(N)`,
    );
  }
  const vm = NUMBER_UNIT.exec(valueRaw);
  if (!vm) {
    throw new ThresholdSyntaxError(source, `value "${valueRaw}" is not a number (optionally followed by ms, s, us or %)`);
  }
  const unit = vm[2] as Threshold['unit'];
  const value = Number(vm[1]) * (unit ? UNIT_FACTOR[unit] : 1);
  const t: Threshold = { source, aggregation, operator: op, value };
  if (percentile !== undefined) t.percentile = percentile;
  if (unit) t.unit = unit;
  return t;
}

const VALID_FOR: Record<MetricType, readonly string[]> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
};

/** Meaning check (k6: a threshold's aggregation must fit the metric's type). Returns an error sentence or undefined. */
export function validateThresholdForMetric(t: Threshold, metricType: MetricType): string | undefined {
  const agg = t.percentile !== undefined ? 'p(N)' : t.aggregation;
  if (!VALID_FOR[metricType].includes(agg)) {
    return `aggregation "${t.aggregation}" does not apply to a ${metricType} metric; valid ones are ${VALID_FOR[metricType].join(', ')}.`;
  }
  if (t.unit && t.unit !== '%' && metricType !== 'trend') {
    return `unit "${t.unit}" is a duration but a ${metricType} metric is not measured in time.`;
  }
  return undefined;
}

/** True when the observed value satisfies the threshold (the SLO holds). */
export function checkThreshold(t: Threshold, observed: number): boolean {
  switch (t.operator) {
    case '<':
      return observed < t.value;
    case '<=':
      return observed <= t.value;
    case '>':
      return observed > t.value;
    case '>=':
      return observed >= t.value;
    case '==':
    case '===':
      return observed === t.value;
    case '!=':
      return observed !== t.value;
  }
}

/** Which way is worse for regression detection: 'up' when higher values are worse. */
export function worseDirection(t: Threshold): 'up' | 'down' | 'either' {
  if (t.operator === '<' || t.operator === '<=') return 'up';
  if (t.operator === '>' || t.operator === '>=') return 'down';
  return 'either';
}
