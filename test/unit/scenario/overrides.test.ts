import { describe, expect, it } from 'vitest';
import { registerFaultFactory, type FaultLike } from '../../../harness/faults/types.js';
import { applyFaultOverrides, parseFaultOverride } from '../../../harness/scenario/overrides.js';
import { defineScenario } from '../../../harness/scenario/define.js';
import type { EnvironmentSpec } from '../../../harness/environment/define.js';

// Fake faults: declarations only, never applied here.
const fakeFault = (kind: string, params: Record<string, unknown>): FaultLike => ({
  kind, targetKind: 'link', params, describe: () => `${kind} ${JSON.stringify(params)}`, apply: () => Promise.reject(new Error('fake')),
});
registerFaultFactory('latency', (p) => fakeFault('latency', p));
registerFaultFactory('down', (p) => fakeFault('down', p));

const scenario = defineScenario({
  id: 's', title: 's', environment: {} as EnvironmentSpec, slos: [],
  phases: [{ name: 'fault', duration: '10s', faults: [{ target: 'a->b', fault: fakeFault('latency', { latencyMs: 100, jitterMs: 5 }) }, { target: 'a->c', fault: fakeFault('down', {}) }] }],
});

describe('fault overrides for chaos reruns', () => {
  it.each([
    ['latency.latencyMs=300', { kind: 'latency', params: { latencyMs: 300 } }],
    ['a->b:down', { target: 'a->b', kind: 'down', params: {} }],
    ['latency.latencyMs=300,jitterMs=20', { kind: 'latency', params: { latencyMs: 300, jitterMs: 20 } }],
  ])('parses %s', (text, expected) => {
    expect(parseFaultOverride(text)).toEqual(expected);
  });

  it('rejects a malformed override with the expected form', () => {
    expect(() => parseFaultOverride('latency=300')).toThrow(/is not "\[target:\]kind\[\.param=value,\.\.\.\]"/);
  });

  it('merges parameters into a fault of the same kind and keeps the others', () => {
    const out = applyFaultOverrides(scenario, [parseFaultOverride('latency.latencyMs=300')]);
    expect(out.phases![0]!.faults![0]!.fault.params).toEqual({ latencyMs: 300, jitterMs: 5 });
    expect(out.phases![0]!.faults![1]!.fault.kind).toBe('down');
  });

  it('replaces the fault on a named target, even by another kind', () => {
    const out = applyFaultOverrides(scenario, [parseFaultOverride('a->c:latency.latencyMs=50')]);
    expect(out.phases![0]!.faults![1]!.fault).toMatchObject({ kind: 'latency', params: { latencyMs: 50 } });
  });

  it('an override that matches nothing is a configuration error', () => {
    expect(() => applyFaultOverrides(scenario, [parseFaultOverride('bandwidth.rate=1')])).toThrow(/matches no fault step of scenario "s"/);
  });
});
