import { describe, expect, it } from 'vitest';
import type { SloRecord, Verdict } from '../../../harness/journal/schema.js';
import { formatDelta, formatDuration, formatNumber, formatValue, gateOutcome } from '../../../reports/format.js';
import { fixture } from './load-fixtures.js';

const slo = (verdict: Verdict, mode: SloRecord['mode'] = 'gate'): SloRecord => ({ ...fixture('journal.json').slos[0]!, verdict, mode });

describe('gateOutcome: only PASS passes', () => {
  it.each<[string, SloRecord[], boolean]>([
    ['all gate PASS', [slo('PASS'), slo('PASS')], true],
    ['one gate FAIL', [slo('PASS'), slo('FAIL')], false],
    ['one gate INCONCLUSIVE', [slo('PASS'), slo('INCONCLUSIVE')], false],
    ['one gate INVALID', [slo('PASS'), slo('INVALID')], false],
    ['baseline FAIL does not gate', [slo('PASS'), slo('FAIL', 'baseline')], true],
    ['no gate SLOs at all is not a pass', [slo('PASS', 'baseline')], false],
    ['no SLOs at all is not a pass', [], false],
  ])('%s', (_name, slos, holds) => {
    expect(gateOutcome({ slos }).holds).toBe(holds);
  });

  it('names the failing gate SLOs and their verdicts', () => {
    expect(gateOutcome({ slos: [slo('PASS'), slo('INVALID')] }).text).toMatch(/1 of 2 gate SLOs do not hold \(catalog-p95 INVALID\)/);
  });
});

describe('formatting', () => {
  it.each([
    [0, '0'],
    [12.3456, '12.3'],
    [0.0123, '0.0123'],
    [12345.6, '12,346'],
    [0.00001234, '1.23e-5'],
  ])('formatNumber(%d) = %s', (v, want) => {
    expect(formatNumber(v)).toBe(want);
  });

  it('shows ratios in percent, null as "no data"', () => {
    expect(formatValue(0.0042, 'ratio')).toBe('0.42 %');
    expect(formatValue(null, 'ms')).toBe('no data');
    expect(formatValue(12.5, 'ms')).toBe('12.5 ms');
  });

  it('formats deltas with sign, relative change, and ratios in percentage points', () => {
    expect(formatDelta({ value: 40, delta: 4, regression: false }, 'ms')).toBe('+4 ms (+10%)');
    expect(formatDelta({ value: 0.5, delta: -0.1, regression: false }, 'ratio')).toBe('−10 pp (−20%)');
    expect(formatDelta({ value: null, delta: null, regression: false }, 'ms')).toBe('–');
    expect(formatDelta(undefined, 'ms')).toBe('–');
  });

  it('formats durations', () => {
    expect(formatDuration(250)).toBe('250 ms');
    expect(formatDuration(32_300)).toBe('32.3 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });
});
