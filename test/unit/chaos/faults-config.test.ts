import { describe, expect, it } from 'vitest';
import { createFault, Fault, faultKinds } from '../../../chaos/faults/index.js';
import { parseFaultOverride } from '../../../harness/scenario/overrides.js';

/** A --fault override (harness/scenario/overrides.ts grammar) built into a chaos fault. */
const fromOverride = (text: string) => {
  const o = parseFaultOverride(text);
  return createFault(o.kind, o.params);
};
import { InvalidConfigError } from '../../../harness/errors.js';
import { formatBrokerMap, parseBrokerMap } from '../../../chaos/kafka-socket-factory.js';
import { parseEndpoint, formatEndpoint } from '../../../chaos/endpoint.js';

describe('fault configuration (no servers)', () => {
  it('every fault kind is registered and builds from its params', () => {
    expect(faultKinds()).toEqual(['latency', 'down', 'bandwidth', 'timeout', 'reset_peer', 'slow_close', 'slicer', 'limit_data', 'kill', 'stop_start', 'pause']);
    expect(createFault('latency', { latencyMs: 100 }).params).toEqual({ latencyMs: 100, jitterMs: 0, stream: 'downstream', toxicity: 1 });
    expect(createFault('pause').targetKind).toBe('process');
    expect(createFault('down').targetKind).toBe('link');
  });

  it('validation lists every problem before anything starts', () => {
    expect(Fault.latency({ latencyMs: -1, toxicity: 2 }).validate!()).toEqual([
      'latencyMs is -1; it must be >= 0.',
      'toxicity is 2; it must be in [0, 1].',
    ]);
    expect(Fault.slicer({ averageSize: 10, sizeVariation: 10 }).validate!()).toEqual(['sizeVariation is 10; it must be in [0, averageSize).']);
    expect(Fault.bandwidth({ rateKBps: 0 }).validate!()).toHaveLength(1);
    expect(Fault.kill().validate!()).toEqual([]);
  });

  it('createFault rejects unknown kinds and bad params with InvalidConfigError', () => {
    expect(() => createFault('partition')).toThrow(InvalidConfigError);
    expect(() => createFault('partition')).toThrow(/Use one of: latency, down/);
    expect(() => createFault('latency', {})).toThrow(/latencyMs is undefined/);
  });

  it('parses --fault overrides', () => {
    const f = fromOverride('latency.latencyMs=300,jitterMs=10,stream=upstream,toxicity=0.5');
    expect(f.params).toEqual({ latencyMs: 300, jitterMs: 10, stream: 'upstream', toxicity: 0.5 });
    expect(f.describe()).toBe('latency +300 ms ± 10 ms on upstream, 50% of connections');
    expect(fromOverride('down').kind).toBe('down');
  });
});

describe('kafka broker map', () => {
  it('parses and formats "h:p=h:p,h:p=h:p"', () => {
    const m = parseBrokerMap('127.0.0.1:1=127.0.0.1:2, 127.0.0.1:3=127.0.0.1:4');
    expect(m).toEqual({ '127.0.0.1:1': '127.0.0.1:2', '127.0.0.1:3': '127.0.0.1:4' });
    expect(formatBrokerMap(m)).toBe('127.0.0.1:1=127.0.0.1:2,127.0.0.1:3=127.0.0.1:4');
    expect(parseBrokerMap('')).toEqual({});
  });

  it('says which entry is malformed', () => {
    expect(() => parseBrokerMap('127.0.0.1:1=127.0.0.1')).toThrow('Broker map entry "127.0.0.1:1=127.0.0.1" is not "host:port=host:port"');
  });

  it('endpoints round-trip, IPv6 in brackets', () => {
    expect(parseEndpoint('[::1]:9')).toEqual({ host: '::1', port: 9 });
    expect(formatEndpoint({ host: '::1', port: 9 })).toBe('[::1]:9');
  });
});
