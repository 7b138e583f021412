import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, delayMs, saturationReason, type SelfCheckReport } from '../../../harness/load/selfcheck.js';

const calm: SelfCheckReport = {
  eventLoopDelayP99Ms: 1,
  eventLoopDelayMaxMs: 2,
  eventLoopUtilization: 0.2,
  cpuCores: 0.3,
  threads: 1,
  startLagP50Ms: 0.4,
  startLagP99Ms: 1,
  dropped: 0,
  scheduled: 1000,
};

describe('generator self-check (numbers given, nothing measured)', () => {
  it('a calm generator is not saturated', () => {
    expect(saturationReason(calm, DEFAULT_LIMITS, 'timer')).toBeUndefined();
  });
  it.each<[string, Partial<SelfCheckReport>, RegExp]>([
    ['dropped iterations', { dropped: 3 }, /3 of 1000 iterations were dropped \(0\.30%, limit 0\.00%\)/],
    ['event-loop delay', { eventLoopDelayP99Ms: 80 }, /event-loop delay p99 was 80\.0 ms \(limit 50 ms\)/],
    ['start lag', { startLagP99Ms: 25 }, /iteration start lag p99 was 25\.0 ms \(limit 20 ms\)/],
    ['event-loop utilisation', { eventLoopUtilization: 0.97 }, /the event loop was busy 97% of the time \(limit 90%\)/],
    ['CPU', { cpuCores: 1.95, threads: 2 }, /CPU use was 1\.95 cores for 2 generator thread\(s\) \(limit 1\.90\)/],
  ])('%s over its limit makes the run saturated, saying value and limit', (_name, over, reason) => {
    const r = saturationReason({ ...calm, ...over }, DEFAULT_LIMITS, 'timer');
    expect(r).toMatch(/^load generator saturated: /);
    expect(r).toMatch(reason);
  });
  it('the spin scheduler keeps one core busy on purpose: CPU and utilisation are not held against it', () => {
    expect(saturationReason({ ...calm, cpuCores: 1, eventLoopUtilization: 1 }, DEFAULT_LIMITS, 'spin')).toBeUndefined();
  });
  it('event-loop delay excludes the 10 ms sampling interval', () => {
    expect(delayMs(11.5e6)).toBeCloseTo(1.5, 6);
    expect(delayMs(9e6)).toBe(0);
  });
});
