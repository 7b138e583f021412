import { describe, expect, it } from 'vitest';
import { parseNewToxic, parseToxicUpdate } from '../../../chaos/proxy/toxic-wrapper.js';
import { ApiError } from '../../../chaos/proxy/errors.js';
import { listenAddress, parseHostPort } from '../../../chaos/proxy/address.js';
import { toxicTypeNames } from '../../../chaos/toxics/registry.js';

function apiError(f: () => unknown): ApiError {
  try {
    f();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('toxic JSON parsing', () => {
  it('registers all of Toxiproxy\'s TCP toxics by name', () => {
    expect(toxicTypeNames().sort()).toEqual(['bandwidth', 'latency', 'limit_data', 'reset_peer', 'slicer', 'slow_close', 'timeout']);
  });

  it('defaults as Toxiproxy: stream downstream, toxicity 1, name <type>_<stream>, attributes 0', () => {
    expect(parseNewToxic({ type: 'latency' }).toJSON()).toEqual({
      name: 'latency_downstream',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 0, jitter: 0 },
    });
    expect(parseNewToxic({ type: 'timeout', stream: 'upstream', name: 'cut' }).toJSON()).toMatchObject({ name: 'cut', stream: 'upstream', attributes: { timeout: 0 } });
  });

  it('says what is wrong, with Toxiproxy\'s error text and status', () => {
    expect(apiError(() => parseNewToxic({ type: 'latency', stream: 'up' }))).toMatchObject({ status: 400, message: 'stream was invalid, can be either upstream or downstream' });
    expect(apiError(() => parseNewToxic({ type: 'lag' })).message).toMatch(/^invalid toxic type: "lag" \(known: latency, /);
    expect(apiError(() => parseNewToxic({})).message).toBe('bad request body: type: type is required');
    expect(apiError(() => parseNewToxic({ type: 'bandwidth', attributes: { rate: 1.5 } })).message).toBe(
      'bad request body: bandwidth attributes: rate: must be an integer (KB/s)',
    );
    expect(apiError(() => parseNewToxic({ type: 'limit_data', attributes: { byte: 5 } })).message).toMatch(/Unrecognized key\(s\) in object: 'byte'/);
    expect(apiError(() => parseNewToxic({ type: 'slicer', attributes: { average_size: 0 } })).message).toMatch(/average_size must be >= 1/);
    expect(apiError(() => parseNewToxic({ type: 'latency', toxicity: -0.1 })).message).toMatch(/toxicity must be in \[0, 1\]/);
  });

  it('an update merges attributes over the current ones and keeps toxicity unless given', () => {
    const t = parseNewToxic({ type: 'latency', toxicity: 0.3, attributes: { latency: 100, jitter: 10 } });
    expect(parseToxicUpdate(t, { attributes: { jitter: 20 } })).toEqual({ toxicity: 0.3, attributes: { latency: 100, jitter: 20 } });
    expect(parseToxicUpdate(t, { toxicity: 1 })).toEqual({ toxicity: 1, attributes: { latency: 100, jitter: 10 } });
    expect(apiError(() => parseToxicUpdate(t, { attributes: { latency: 'x' } })).status).toBe(400);
  });
});

describe('listen addresses', () => {
  it('parses host:port forms Toxiproxy accepts', () => {
    expect(parseHostPort('127.0.0.1:0', 'listen')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseHostPort(':8474', 'listen')).toEqual({ host: '', port: 8474 });
    expect(parseHostPort('[::1]:5', 'listen')).toEqual({ host: '::1', port: 5 });
    expect(apiError(() => parseHostPort('nope', 'upstream')).message).toBe('bad request body: upstream "nope" is not host:port');
  });

  it('binds loopback for ":0" and "localhost", and refuses other hosts unless allowed', () => {
    expect(listenAddress(':0', false)).toEqual({ host: '127.0.0.1', port: 0 });
    expect(listenAddress('localhost:1', false)).toEqual({ host: '127.0.0.1', port: 1 });
    expect(apiError(() => listenAddress('0.0.0.0:0', false)).message).toMatch(/not a loopback address/);
    expect(listenAddress('0.0.0.0:0', true)).toEqual({ host: '0.0.0.0', port: 0 });
  });
});
