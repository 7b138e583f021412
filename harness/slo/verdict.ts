/**
 * Verdict logic: a closed set. No data is never a PASS; the harness's own failures are INVALID.
 */
import type { Verdict } from '../journal/schema.js';
import { checkThreshold, type Threshold } from '../thresholds/index.js';

export interface VerdictInput {
  threshold: Threshold;
  /** the measured value; null or NaN when there was no data */
  value: number | null;
  samples?: number;
  minSamples?: number;
  /** the harness could not measure (generator behind, scrape gaps, fault not observed) */
  harnessProblems?: string[];
  /** for repeated SLOs: the 95% interval of the median */
  ci95?: [number, number];
}

export interface VerdictOutput {
  verdict: Verdict;
  reason: string;
}

export function judge(input: VerdictInput): VerdictOutput {
  const { threshold, value } = input;
  if (input.harnessProblems && input.harnessProblems.length > 0) {
    return { verdict: 'INVALID', reason: `The harness could not measure this: ${input.harnessProblems.join('; ')}.` };
  }
  if (value === null || Number.isNaN(value)) {
    return { verdict: 'INCONCLUSIVE', reason: 'No data: the SLI returned no value in the window.' };
  }
  const minSamples = input.minSamples ?? 1;
  if (input.samples !== undefined && input.samples < minSamples) {
    return {
      verdict: 'INCONCLUSIVE',
      reason: `Not enough data: ${input.samples} samples in the window, at least ${minSamples} needed.`,
    };
  }
  if (input.ci95) {
    const [lo, hi] = input.ci95;
    const loOk = checkThreshold(threshold, lo);
    const hiOk = checkThreshold(threshold, hi);
    if (loOk !== hiOk) {
      return {
        verdict: 'INCONCLUSIVE',
        reason: `The 95% interval [${fmt(lo)}, ${fmt(hi)}] straddles the objective ${threshold.source}: too noisy to judge.`,
      };
    }
  }
  const holds = checkThreshold(threshold, value);
  return holds
    ? { verdict: 'PASS', reason: `Measured ${fmt(value)} satisfies ${threshold.source}.` }
    : { verdict: 'FAIL', reason: `Measured ${fmt(value)} violates ${threshold.source}.` };
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}
