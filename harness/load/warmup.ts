/**
 * One warm-up of the engine per thread, before the first run's time zero: 400 iterations of
 * the HTTP target against a throwaway responder on 127.0.0.1, so that loading and compiling
 * the request path (runner, executor, client, parser, metrics) is not charged to the first
 * iterations against the system under test. Measured: the first iteration of a cold process
 * took ~12 ms against nginx, and at 2k it/s with 20 VUs that backlog dropped up to ~20
 * iterations. Nothing reaches the system under test: it sees no extra request or connection.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { LoadResult } from './result.js';
import type { ScenariosInput } from './plan.js';
import { http } from './targets/http.js';

const RESPONSE = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=5\r\n\r\nok', 'latin1');

let warmed: Promise<void> | undefined;

/** Runs once per thread; later calls return the same promise. `run` is runLoad (passed in: run.ts imports this file). */
export function warmUpOnce(run: (s: ScenariosInput, o: { warmUp: false; scheduler: 'timer' }) => Promise<LoadResult>): Promise<void> {
  return (warmed ??= warmUp(run).catch(() => {
    // a warm-up that cannot run (no loopback?) only costs the first iterations their warm code
  }));
}

async function warmUp(run: Parameters<typeof warmUpOnce>[0]): Promise<void> {
  // A raw responder, not node:http: it must cost little and compile nothing of ours.
  const server = createServer((socket) => {
    socket.on('error', () => {});
    socket.on('data', (d) => {
      for (let i = d.indexOf('\r\n\r\n'); i >= 0; i = d.indexOf('\r\n\r\n', i + 4)) socket.write(RESPONSE);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await run({ warmup: { executor: 'shared-iterations', vus: 4, iterations: 400, maxDuration: '10s', exec: http({ url: `http://127.0.0.1:${port}/`, connections: 4 }) } }, { warmUp: false, scheduler: 'timer' });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
