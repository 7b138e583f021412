import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../../harness/errors.js';
import { arrivalTimes } from '../../../harness/load/executors/ramping-arrival-rate.js';
import { vusAt } from '../../../harness/load/executors/ramping-vus.js';
import { describeScenario, Load, planLoad } from '../../../harness/load/index.js';
import type { ScenarioConfig } from '../../../harness/load/types.js';

const exec = async (): Promise<void> => {};

function issuesOf(s: unknown, opts: Parameters<typeof planLoad>[1] = {}): string[] {
  try {
    planLoad(s as ScenarioConfig, { exec, ...opts });
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidConfigError);
    return (e as InvalidConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected an InvalidConfigError');
}

describe('describe() reads like k6', () => {
  it.each<[ScenarioConfig, string]>([
    [Load.constantArrivalRate({ rate: 200, duration: '20s', preAllocatedVUs: 50 }), '200.00 iterations/s for 20s (maxVUs: 50, gracefulStop: 30s)'],
    [Load.constantArrivalRate({ rate: 30, timeUnit: '1m', duration: '1m30s', preAllocatedVUs: 5, maxVUs: 20, startTime: '10s' }), '0.50 iterations/s for 1m30s (startTime: 10s, maxVUs: 5-20, gracefulStop: 30s)'],
    [Load.rampingArrivalRate({ startRate: 10, stages: [{ duration: '10s', target: 100 }, { duration: '20s', target: 50 }], preAllocatedVUs: 10, maxVUs: 100 }), 'Up to 100.00 iterations/s for 30s over 2 stages (maxVUs: 10-100, gracefulStop: 30s)'],
    [Load.constantVus({ vus: 80, duration: '10s' }), '80 looping VUs for 10s (gracefulStop: 30s)'],
    [Load.rampingVus({ startVUs: 0, stages: [{ duration: '5s', target: 20 }, { duration: '5s', target: 0 }], gracefulRampDown: '5s', gracefulStop: '2s' }), 'Up to 20 looping VUs for 10s over 2 stages (gracefulRampDown: 5s, gracefulStop: 2s)'],
    [Load.perVuIterations({ vus: 10, iterations: 20 }), '20 iterations for each of 10 VUs (maxDuration: 10m0s, gracefulStop: 30s)'],
    [Load.sharedIterations({ vus: 10, iterations: 200, maxDuration: '30s' }), '200 iterations shared among 10 VUs (maxDuration: 30s, gracefulStop: 30s)'],
  ])('%j', (config, line) => {
    expect(describeScenario(config)).toBe(line);
  });

  it('burst: steady, ×multiplier for a while, steady again, as ramping-arrival-rate stages', () => {
    const b = Load.burst({ rate: 100, multiplier: 5, before: '10s', burst: '5s', after: '10s', preAllocatedVUs: 10, maxVUs: 200 });
    expect(b.executor).toBe('ramping-arrival-rate');
    expect(b.stages.map((s) => s.target)).toEqual([100, 500, 500, 100, 100]);
    expect(describeScenario(b)).toBe('Up to 500.00 iterations/s for 25s over 5 stages (maxVUs: 10-200, gracefulStop: 30s)');
  });
});

describe('validation returns every problem at once, with path and fix', () => {
  it('constant-arrival-rate: missing rate, short duration, maxVUs below preAllocatedVUs', () => {
    const issues = issuesOf({ executor: 'constant-arrival-rate', duration: '500ms', preAllocatedVUs: 10, maxVUs: 5 });
    expect(issues).toEqual([
      "scenarios.default.rate: the iteration rate isn't specified.",
      'scenarios.default.duration: the duration should be at least 1s, but is 500ms.',
      "scenarios.default.maxVUs: maxVUs (5) shouldn't be less than preAllocatedVUs (10).",
    ]);
  });

  it('problems from several scenarios and thresholds come together', () => {
    const issues = issuesOf(
      {
        a: { executor: 'constant-vus', vus: 0, duration: 'soon', gracefulStop: '-1s' },
        b: { executor: 'ramping-arrival-rate', stages: [], preAllocatedVUs: -1, bogus: 1 },
        c: { executor: 'open-loop' },
      },
      { thresholds: { http_req_failed: ['p(95)<1'], no_such_metric: ['count>1'], http_req_duration: ['p95<10'] } },
    );
    expect(issues).toEqual([
      "scenarios.a.gracefulStop: the gracefulStop can't be negative, but is -1s.",
      'scenarios.a.vus: the number of VUs should be more than 0, but is 0.',
      'scenarios.a.duration: "soon" is not a duration.',
      'scenarios.b.bogus: "bogus" is not a field of this executor.',
      'scenarios.b.stages: at least one stage has to be specified.',
      "scenarios.b.preAllocatedVUs: the number of preAllocatedVUs shouldn't be negative, but is -1.",
      'scenarios.c.executor: the executor "open-loop" does not exist.',
      'thresholds["http_req_failed"][0]: http_req_failed is a rate: aggregation "p(95)" does not apply to a rate metric; valid ones are rate.',
      'thresholds["no_such_metric"]: no metric named "no_such_metric" exists.',
      expect.stringMatching(/^thresholds\["http_req_duration"\]\[0\]: threshold "p95<10" is malformed/),
    ]);
  });

  it('every issue carries a fix sentence', () => {
    try {
      planLoad({ executor: 'shared-iterations', vus: 10, iterations: 5 }, { exec });
      expect.unreachable('shared-iterations with fewer iterations than VUs must be invalid');
    } catch (e) {
      const issue = (e as InvalidConfigError).issues[0]!;
      expect(issue.message).toBe("the number of iterations (5) can't be less than the number of VUs (10).");
      expect(issue.fix).toBeTruthy();
    }
  });

  it('a scenario without a target is invalid', () => {
    expect(() => planLoad(Load.constantVus({ duration: '1s' }))).toThrow(/exec: the scenario has nothing to run/);
  });
});

describe('arrival schedule', () => {
  it('ramping-arrival-rate: the integral of the rate gives each start time (0→10/s over 2s, then 10/s for 1s)', () => {
    const at = arrivalTimes(0, [
      { durationMs: 2000, rate: 10 / 1000 },
      { durationMs: 1000, rate: 10 / 1000 },
    ]);
    // n(t) = t²·(10/2000)/2 over the ramp: 10 iterations by t = 2s
    expect(at(0)).toBe(0);
    expect(at(1)).toBeCloseTo(Math.sqrt(1 / 0.0000025), 6);
    expect(at(10)).toBeCloseTo(2000, 6);
    expect(at(15)).toBeCloseTo(2500, 6);
    expect(at(20)).toBeUndefined();
  });

  it('ramping-vus: VUs move linearly between stage targets', () => {
    const stages = [
      { durationMs: 1000, target: 10 },
      { durationMs: 1000, target: 0 },
    ];
    expect(vusAt(0, stages, 500)).toBe(5);
    expect(vusAt(0, stages, 1500)).toBe(5);
    expect(vusAt(0, stages, 5000)).toBe(0);
  });
});
