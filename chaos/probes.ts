/**
 * Round-trip probes: tiny raw-socket requests that need no client library and no credentials,
 * used to check that a fault took effect (a latency is seen, a cut link fails, a paused server
 * does not answer). Each resolves with the round-trip time in ms or rejects with the failure.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Endpoint } from '../harness/runtime/types.js';

/** Round trip in ms from connect to the first answer byte (connect included). */
export type Probe = (endpoint: Endpoint, timeoutMs: number) => Promise<number>;

export class ProbeError extends Error {
  constructor(
    readonly reason: 'refused' | 'reset' | 'closed' | 'timeout' | 'error',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Connect, send `request` (if any), resolve when `expectBytes` bytes came back. Rejects with a
 * ProbeError saying how it failed: refused, reset (RST), closed (FIN before the answer), timeout.
 */
export function roundTrip(request: Buffer | undefined, expectBytes = 1): Probe {
  return (endpoint, timeoutMs) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      let got = 0;
      const socket = net.connect({ host: endpoint.host, port: endpoint.port, noDelay: true });
      const fail = (reason: ProbeError['reason'], msg: string): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new ProbeError(reason, `${endpoint.host}:${endpoint.port}: ${msg} after ${(performance.now() - t0).toFixed(1)} ms`));
      };
      const timer = setTimeout(() => fail('timeout', `no answer within ${timeoutMs} ms`), timeoutMs);
      socket.on('connect', () => {
        if (request) socket.write(request);
      });
      socket.on('data', (d: Buffer) => {
        got += d.length;
        if (got >= expectBytes) {
          clearTimeout(timer);
          const ms = performance.now() - t0;
          socket.destroy();
          resolve(ms);
        }
      });
      socket.on('error', (e: NodeJS.ErrnoException) =>
        fail(e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ECONNRESET' ? 'reset' : 'error', e.code ?? e.message),
      );
      socket.on('end', () => fail('closed', `closed by peer after ${got} bytes`));
    });
}

function kafkaApiVersionsV0(): Buffer {
  const clientId = Buffer.from('archtdd-probe');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
  body.writeInt16BE(18, 0); // ApiVersions
  body.writeInt16BE(0, 2); // v0
  body.writeInt32BE(1, 4); // correlation id
  body.writeInt16BE(clientId.length, 8);
  clientId.copy(body, 10);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function pgSslRequest(): Buffer {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8, 0);
  b.writeInt32BE(80877103, 4); // the server answers one byte, 'S' or 'N'
  return b;
}

/** Probes by component kind; the servers answer these without authentication. */
export const probes: Record<string, Probe> = {
  redis: roundTrip(Buffer.from('PING\r\n')),
  postgres: roundTrip(pgSslRequest()),
  postgresql: roundTrip(pgSslRequest()),
  // No mariadb/mysql probe: a connection closed after the greeting counts toward
  // max_connect_errors, and enough probes would get the harness's host blocked.
  kafka: roundTrip(kafkaApiVersionsV0(), 4),
  http: roundTrip(Buffer.from('HEAD / HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n')),
  prometheus: roundTrip(Buffer.from('HEAD /-/ready HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n')),
};

/** An echo server answers what it is sent. */
export const echoProbe: Probe = roundTrip(Buffer.from('archtdd-probe\n'), 'archtdd-probe\n'.length);

export function probeFor(kind: string | undefined): Probe | undefined {
  return kind ? probes[kind] : undefined;
}

/** Connect only: resolves with the connect time, rejects when refused. Says nothing about data. */
export const connectProbe: Probe = (endpoint, timeoutMs) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeError('timeout', `connect to ${endpoint.host}:${endpoint.port} took over ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(performance.now() - t0);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ProbeError(e.code === 'ECONNREFUSED' ? 'refused' : 'error', `${endpoint.host}:${endpoint.port}: ${e.code ?? e.message}`));
    });
  });
