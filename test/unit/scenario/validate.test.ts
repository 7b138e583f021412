import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../../harness/errors.js';
import { defineEnvironment, type MetricsStoreComponent } from '../../../harness/environment/define.js';
import type { Component } from '../../../harness/runtime/types.js';
import { assertValidScenarios, defineScenario } from '../../../harness/scenario/define.js';
import '../../../harness/scenario/validate.js';
import { defineSlo, Sli } from '../../../harness/slo/define.js';
import type { FaultLike } from '../../../harness/faults/types.js';

// Fake components (declarations only: nothing starts in these tests).
const fake = (name: string, dependsOn: string[] = []): Component => ({
  name,
  kind: name,
  portNames: ['main'],
  dependsOn,
  start: () => Promise.reject(new Error('fake component: must not start in a validation test')),
});
const prometheus = { ...fake('prometheus'), withScrapeTargets() { return this; }, withScrapeInterval() { return this; } } as MetricsStoreComponent;
const env = defineEnvironment({ prometheus, components: [fake('redis'), fake('postgres'), fake('api', ['redis', 'postgres'])] });
const fakeFault = (targetKind: 'link' | 'process'): FaultLike => ({
  kind: 'fake', targetKind, params: {}, describe: () => 'fake', apply: () => Promise.reject(new Error('fake fault')),
});

const goodSlo = defineSlo({
  id: 'errors', title: 'Few errors', layer: 'application', hypothesis: 'Under 1% of reads fail.',
  sli: Sli.promql('sum(rate(http_requests_total{status=~"5.."}[$window])) / sum(rate(http_requests_total[$window]))'),
  objective: 'value<0.01',
});

function issuesOf(run: () => void): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidConfigError);
    return (e as InvalidConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  return [];
}

describe('scenario validation before any server starts (fake components)', () => {
  it('a valid scenario has no issues', () => {
    expect(issuesOf(() => assertValidScenarios([defineScenario({ id: 'ok', title: 'ok', environment: env, slos: [goodSlo] })]))).toEqual([]);
  });

  it('collects every problem at once, each naming its field', () => {
    const issues = issuesOf(() =>
      assertValidScenarios([
        defineScenario({
          id: 'Bad Id',
          title: '',
          environment: defineEnvironment({ prometheus, components: [fake('api', ['cache'])] }),
          phases: [
            { name: 'fault', duration: 'ten seconds', faults: [{ target: 'api->postgres', fault: fakeFault('link') }, { target: 'nobody', fault: fakeFault('process') }] },
          ],
          slos: [
            defineSlo({ id: 'p95', title: 't', layer: 'application', hypothesis: 'h', sli: Sli.load('http_req_duration'), objective: 'p95<50' }),
            defineSlo({ id: 'q', title: 't', layer: 'platform' as never, hypothesis: 'h', sli: Sli.promql('sum(rate(x[5m])'), objective: 'p(95)<1', window: { phase: 'nope' } }),
          ],
        }),
      ]),
    );
    const text = issues.join('\n');
    expect(text).toMatch(/scenario "Bad Id": the id must be lower-case/);
    expect(text).toMatch(/scenario "Bad Id".title: is empty/);
    expect(text).toMatch(/components\["api"\].dependsOn: names "cache"/);
    expect(text).toMatch(/phases\[0\].duration: "ten seconds" is not a positive duration/);
    expect(text).toMatch(/faults\[0\].target: "api->postgres" is not a dependency edge/);
    expect(text).toMatch(/faults\[1\].target: "nobody" is not a component/);
    expect(text).toMatch(/slo "p95".objective: unknown aggregation "p95"|slo "p95".objective/);
    expect(text).toMatch(/slo "p95".sli: reads the load metric "http_req_duration" but the scenario has no load/);
    expect(text).toMatch(/slo "q".layer: is "platform"/);
    expect(text).toMatch(/slo "q".sli.query: PromQL syntax error/);
    expect(text).toMatch(/slo "q".objective: "p\(95\)" does not apply to a PromQL SLI/);
    expect(text).toMatch(/slo "q".window: names phase "nope"/);
  });

  it('rejects a load metric aggregation that does not fit the metric type', () => {
    const issues = issuesOf(() =>
      assertValidScenarios([
        defineScenario({
          id: 'l', title: 'l', environment: env, load: () => [],
          slos: [defineSlo({ id: 'f', title: 't', layer: 'application', hypothesis: 'h', sli: Sli.load('http_req_failed'), objective: 'p(95)<0.01' })],
        }),
      ]),
    );
    expect(issues.join('\n')).toMatch(/slo "f".objective: aggregation "p\(95\)" does not apply to a rate metric; valid ones are rate/);
  });

  it('finds duplicate scenario and SLO ids', () => {
    const s = defineScenario({ id: 'dup', title: 'd', environment: env, slos: [goodSlo, goodSlo] });
    const text = issuesOf(() => assertValidScenarios([s, s])).join('\n');
    expect(text).toMatch(/slo "errors": the id is used twice/);
    expect(text).toMatch(/scenario "dup": the id is used by 2 scenarios/);
  });
});
