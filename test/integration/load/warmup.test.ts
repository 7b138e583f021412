/**
 * The engine's one-time warm-up (harness/load/warmup.ts) over real sockets: it runs before
 * the first run of a process and never reaches the system under test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, Load, runLoad } from '../../../harness/load/index.js';

let requests = 0;
let connections = 0;
const server = createServer((_req, res) => {
  requests++;
  res.end('ok');
});
server.on('connection', () => connections++);
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('engine warm-up (real sockets)', () => {
  it('the first run of this process (which warms the engine up) sends the target exactly its iterations, over at most its VUs connections', async () => {
    const r = await runLoad(Load.sharedIterations({ vus: 3, iterations: 57, exec: http({ url }) }));
    expect(r.metrics.http_reqs!.values.count).toBe(57);
    expect(requests).toBe(57);
    expect(connections).toBeLessThanOrEqual(3);
    expect(connections).toBeGreaterThanOrEqual(1);
  });
});
