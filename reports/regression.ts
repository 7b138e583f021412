/**
 * Compares a run with the committed baseline: per SLO (matched by id) the previous value,
 * the delta, and a regression flag when the measured value moved the wrong way by more
 * than the SLO's tolerance.
 *
 * The wrong way comes from the objective's operator (`<`/`<=`: higher is worse,
 * `>`/`>=`: lower is worse, `==`: either way, `!=`: never). Tolerance: `absolute` in the
 * measured unit if given, else `relative` to the previous value (default 10%); with both,
 * the move must exceed both to count.
 */
import type { Journal, SloRecord } from '../harness/journal/schema.js';
import { readObjective } from './objective.js';

export const DEFAULT_RELATIVE_TOLERANCE = 0.1;

export function compareWithBaseline(journal: Journal, baseline: Journal | undefined): Journal {
  if (!baseline) return journal;
  const byId = new Map(baseline.slos.map((s) => [s.id, s]));
  return {
    ...journal,
    slos: journal.slos.map((slo) => {
      const prev = byId.get(slo.id);
      if (!prev) return slo;
      return { ...slo, previous: comparePair(slo, prev) };
    }),
  };
}

export function comparePair(current: SloRecord, previous: SloRecord): NonNullable<SloRecord['previous']> {
  const before = previous.measured.value;
  const now = current.measured.value;
  const delta = before === null || now === null ? null : now - before;
  return {
    value: before,
    delta,
    regression: delta === null ? false : isRegression(current, before!, delta),
    verdict: previous.verdict,
  };
}

export function isRegression(slo: Pick<SloRecord, 'objective' | 'tolerance'>, before: number, delta: number): boolean {
  const { worse } = readObjective(slo.objective);
  let wrongWay: number;
  switch (worse) {
    case 'higher':
      wrongWay = delta;
      break;
    case 'lower':
      wrongWay = -delta;
      break;
    case 'either':
      wrongWay = Math.abs(delta);
      break;
    default:
      return false;
  }
  if (wrongWay <= 0) return false;
  const tol = slo.tolerance ?? {};
  const allowances: number[] = [];
  if (tol.absolute !== undefined) allowances.push(tol.absolute);
  if (tol.relative !== undefined || tol.absolute === undefined) {
    allowances.push((tol.relative ?? DEFAULT_RELATIVE_TOLERANCE) * Math.abs(before));
  }
  return wrongWay > Math.max(...allowances);
}
