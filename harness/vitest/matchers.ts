/**
 * Custom matchers: `await expect(record).toHold()` and `await expect(record).toBeMeasured()`.
 * Failure messages follow vitest's shape: a hint line, then Expected and Received, then the evidence.
 */
import { expect } from 'vitest';
import type { SloRecord } from '../journal/schema.js';
import { fmt } from '../slo/verdict.js';

function evidenceLines(r: SloRecord): string {
  const w = r.evidence.window;
  const lines = [
    `  SLO:       ${r.id} (${r.layer}, ${r.mode})`,
    `  Verdict:   ${r.verdict}: ${r.reason}`,
    w ? `  Window:    ${new Date(w.start).toISOString()} .. ${new Date(w.end).toISOString()} (${Math.round((w.end - w.start) / 1000)} s${w.phase ? `, ${w.phase}` : ''})` : undefined,
    r.evidence.promql ? `  PromQL:    ${r.evidence.promql}` : undefined,
    r.sli.metric ? `  SLI:       ${r.sli.metric}` : undefined,
    r.evidence.samples !== undefined ? `  Samples:   ${r.evidence.samples}` : undefined,
    r.evidence.logDir ? `  Logs:      ${String(r.evidence.logDir)}` : undefined,
  ];
  return lines.filter(Boolean).join('\n');
}

const measured = (r: SloRecord) => (r.measured.value === null ? 'no data' : `${fmt(r.measured.value)}${r.measured.unit ? ` ${r.measured.unit}` : ''}`);

expect.extend({
  /** Passes only on PASS: FAIL, INCONCLUSIVE and INVALID never count as a pass. */
  async toHold(received: SloRecord) {
    const pass = received.verdict === 'PASS';
    return {
      pass,
      message: () =>
        `${this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHold`, 'slo', '')}\n\n` +
        `Expected: ${received.objective}\nReceived: ${measured(received)}\n\n${evidenceLines(received)}`,
    };
  },
  /** For baseline-mode SLOs: a real measurement was taken (PASS or FAIL); no data or a broken harness fails. */
  async toBeMeasured(received: SloRecord) {
    const pass = received.verdict === 'PASS' || received.verdict === 'FAIL';
    return {
      pass,
      message: () =>
        `${this.utils.matcherHint('.toBeMeasured', 'slo', '')}\n\n` +
        `Expected: a measured value for ${received.objective}\nReceived: ${measured(received)} (${received.verdict})\n\n${evidenceLines(received)}`,
    };
  },
});

interface ArchtddMatchers<R = unknown> {
  toHold(): Promise<R>;
  toBeMeasured(): Promise<R>;
}
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends ArchtddMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends ArchtddMatchers {}
}
