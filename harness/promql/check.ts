/**
 * PromQL syntax check before any server starts, with Prometheus's own Lezer grammar
 * (@prometheus-io/lezer-promql, the parser behind the Prometheus UI's editor).
 *
 * SLI queries may use `$window` for the evaluation window (e.g. `rate(x[$window])`); it is
 * replaced by a Prometheus duration when the SLO is evaluated, and by `1m` for this check.
 */
import { parser } from '@prometheus-io/lezer-promql';

export const WINDOW_PLACEHOLDER = '$window';

export interface PromqlProblem {
  /** 0-based offset in the query as written */
  offset: number;
  message: string;
}

/** Replace `$window` with a Prometheus duration. */
export function bindWindow(query: string, window: string): string {
  return query.split(WINDOW_PLACEHOLDER).join(window);
}

/** Prometheus duration for a window in ms, rounded up to whole seconds (min 1s). */
export function promDuration(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

/** Returns the syntax problems of a PromQL query: an empty array means it parses. */
export function checkPromql(query: string): PromqlProblem[] {
  if (typeof query !== 'string' || query.trim() === '') return [{ offset: 0, message: 'the query is empty' }];
  const bound = bindWindow(query, '1m');
  const tree = parser.parse(bound);
  const problems: PromqlProblem[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        const near = bound.slice(Math.max(0, node.from - 10), node.to + 10);
        problems.push({
          offset: node.from,
          message: `syntax error at offset ${node.from} near "${near}"`,
        });
      }
    },
  });
  if (problems.length === 0 && /\$[a-zA-Z_]/.test(bound)) {
    const m = /\$[a-zA-Z_]\w*/.exec(bound)!;
    problems.push({ offset: m.index, message: `unknown placeholder "${m[0]}"; only ${WINDOW_PLACEHOLDER} is replaced` });
  }
  return problems;
}
