/**
 * The embedded HTTP/1.1 client over real sockets: scripted raw TCP servers for the edge
 * cases (split and chunked responses, closes, silence) and node:http for keep-alive,
 * queueing and request bodies.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Http1Client, type Http1Exchange } from '../../../harness/load/targets/http1/client.js';
import { headTail, requestBytes } from '../../../harness/load/targets/http1/request-head.js';
import { http } from '../../../harness/load/targets/http.js';
import { Load, runLoad } from '../../../harness/load/index.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Outcome {
  status: number;
  code: string | undefined;
  ms: number;
}

function exchange(signal: AbortSignal = new AbortController().signal): { ex: Http1Exchange; done: Promise<Outcome> } {
  const t0 = performance.now();
  let status = 0;
  let resolve!: (o: Outcome) => void;
  const done = new Promise<Outcome>((r) => (resolve = r));
  let ended = 0;
  const ex: Http1Exchange = {
    signal,
    onHead: (s) => (status = s),
    onEnd: (code) => {
      ended++;
      if (ended > 1) throw new Error('onEnd called twice');
      resolve({ status, code, ms: performance.now() - t0 });
    },
  };
  return { ex, done };
}

function client(port: number, o: Partial<ConstructorParameters<typeof Http1Client>[0]> = {}): Http1Client {
  const c = new Http1Client({ host: '127.0.0.1', port, connections: 4, connectTimeoutMs: 2000, timeoutMs: 5000, ...o });
  cleanups.push(() => c.close());
  return c;
}

const GET = (port: number, path = '/'): Buffer => requestBytes('GET', path, headTail({ method: 'GET', host: `127.0.0.1:${port}` }), undefined);

function get(c: Http1Client, port: number, path = '/', signal?: AbortSignal): Promise<Outcome> {
  const { ex, done } = exchange(signal);
  c.send(GET(port, path), false, true, ex);
  return done;
}

/** A raw TCP server: `onConnection` scripts what each connection gets. Counts connections. */
async function rawServer(onConnection: (socket: net.Socket, index: number) => void): Promise<{ port: number; connections: () => number }> {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onConnection(s, n++);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { port: (server.address() as net.AddressInfo).port, connections: () => n };
}

/** Calls `answer` for each complete request head on the socket (requests without bodies). */
function onRequests(s: net.Socket, answer: (head: string, index: number) => void): void {
  let buf = '';
  let i = 0;
  s.on('data', (d) => {
    buf += d.toString('latin1');
    for (let end = buf.indexOf('\r\n\r\n'); end >= 0; end = buf.indexOf('\r\n\r\n')) {
      const head = buf.slice(0, end);
      buf = buf.slice(end + 4);
      answer(head, i++);
    }
  });
}

async function httpServer(handler: Parameters<typeof createHttpServer>[1]): Promise<{ port: number; server: HttpServer; connections: () => number }> {
  const server = createHttpServer(handler);
  let n = 0;
  server.on('connection', () => n++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())).then(() => undefined));
  cleanups.push(() => server.closeAllConnections());
  return { port: (server.address() as net.AddressInfo).port, server, connections: () => n };
}

const ok = (body: string): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

describe('embedded HTTP/1.1 client (real sockets)', () => {
  it('keeps connections alive: 300 sequential requests over one connection, 300 concurrent over at most the pool size', async () => {
    const srv = await httpServer((_req, res) => res.end('ok'));
    const c = client(srv.port, { connections: 3 });
    for (let i = 0; i < 300; i++) expect(await get(c, srv.port)).toMatchObject({ status: 200, code: undefined });
    expect(srv.connections()).toBe(1);
    const all = await Promise.all(Array.from({ length: 300 }, () => get(c, srv.port)));
    expect(all.every((o) => o.status === 200 && o.code === undefined)).toBe(true);
    expect(srv.connections()).toBe(3);
  });

  it('queues requests beyond the pool size in order: one connection serves 5 requests of 50 ms one after another', async () => {
    const order: string[] = [];
    const srv = await httpServer((req, res) => {
      order.push(req.url!);
      setTimeout(() => res.end('ok'), 50);
    });
    const c = client(srv.port, { connections: 1 });
    const outs = await Promise.all([1, 2, 3, 4, 5].map((i) => get(c, srv.port, `/${i}`)));
    expect(order).toEqual(['/1', '/2', '/3', '/4', '/5']);
    expect(srv.connections()).toBe(1);
    // the fifth waited for four others: its time includes theirs
    expect(outs[4]!.ms).toBeGreaterThanOrEqual(5 * 50 - 5);
  });

  it('reads a response split into single bytes, and a chunked one, and one that ends with the connection', async () => {
    const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    const srv = await rawServer((s, index) =>
      onRequests(s, () => {
        if (index === 0) {
          const bytes = Buffer.from(ok('hello'));
          let i = 0;
          const drip = setInterval(() => (i < bytes.length ? s.write(bytes.subarray(i, ++i)) : clearInterval(drip)), 1);
        } else if (index === 1) s.write(chunked);
        else s.end('HTTP/1.1 203 OK\r\n\r\nuntil close');
      }),
    );
    const c = client(srv.port, { connections: 1 });
    expect(await get(c, srv.port)).toMatchObject({ status: 200, code: undefined });
    // the raw server answers each connection's first request only with the scripted response; force new connections
    const c2 = client(srv.port, { connections: 1 });
    expect(await get(c2, srv.port)).toMatchObject({ status: 200, code: undefined });
    const c3 = client(srv.port, { connections: 1 });
    expect(await get(c3, srv.port)).toMatchObject({ status: 203, code: undefined });
  });

  it('Connection: close from the server: the next request opens a new connection and succeeds', async () => {
    const srv = await httpServer((_req, res) => {
      res.setHeader('Connection', 'close');
      res.end('bye');
    });
    const c = client(srv.port, { connections: 1 });
    for (let i = 0; i < 3; i++) expect(await get(c, srv.port)).toMatchObject({ status: 200, code: undefined });
    expect(srv.connections()).toBe(3);
  });

  it('a reused connection the server closed without answering (its idle close racing our send) is retried once, on a new connection', async () => {
    const srv = await rawServer((s, index) =>
      onRequests(s, (_head, i) => {
        if (index === 0 && i === 1) s.destroy(); // second request on the first connection: closed unanswered
        else s.write(ok('ok'));
      }),
    );
    const c = client(srv.port, { connections: 1 });
    expect(await get(c, srv.port)).toMatchObject({ status: 200, code: undefined });
    expect(await get(c, srv.port)).toMatchObject({ status: 200, code: undefined });
    expect(srv.connections()).toBe(2);
  });

  it('a new connection closed mid-response is a failure (ECLOSED), not retried', async () => {
    const srv = await rawServer((s) => onRequests(s, () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part')));
    const c = client(srv.port);
    expect(await get(c, srv.port)).toMatchObject({ status: 200, code: 'ECLOSED' });
    expect(srv.connections()).toBe(1);
  });

  it('a silent server: the request ends with ETIMEDOUT after timeoutMs (300 ms; the sweep checks every 30 ms)', async () => {
    const srv = await rawServer(() => {});
    const c = client(srv.port, { timeoutMs: 300 });
    const o = await get(c, srv.port);
    expect(o).toMatchObject({ status: 0, code: 'ETIMEDOUT' });
    expect(o.ms).toBeGreaterThanOrEqual(300);
  });

  it('nothing listening: ECONNREFUSED', async () => {
    const srv = await rawServer(() => {});
    const port = srv.port;
    await cleanups.pop()!(); // close the server: the port is now refused
    const c = client(port);
    expect(await get(c, port)).toMatchObject({ status: 0, code: 'ECONNREFUSED' });
  });

  it('garbage instead of HTTP: HPE_INVALID_RESPONSE', async () => {
    const srv = await rawServer((s) => onRequests(s, () => s.write('SSH-2.0-OpenSSH_9.2\r\n\r\n')));
    expect(await get(client(srv.port), srv.port)).toMatchObject({ status: 0, code: 'HPE_INVALID_RESPONSE' });
  });

  it('an aborted signal ends the request in flight (ABORTED) and one already queued behind it', async () => {
    const srv = await rawServer(() => {});
    const c = client(srv.port, { connections: 1 });
    const ac = new AbortController();
    const first = get(c, srv.port, '/', ac.signal);
    const queued = get(c, srv.port, '/', ac.signal);
    setTimeout(() => ac.abort(), 50);
    expect(await first).toMatchObject({ code: 'ABORTED' });
    expect(await queued).toMatchObject({ code: 'ABORTED' });
  });

  it('sends the method, path, headers and body as given (checked by node:http on the other side)', async () => {
    let seen: { method?: string; url?: string; headers?: Record<string, unknown>; body?: string } = {};
    const srv = await httpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.end('ok');
      });
    });
    const target = http({ url: `http://127.0.0.1:${srv.port}/x?y=1`, method: 'post', headers: { 'content-type': 'application/json', 'x-run': 'r1' }, body: '{"a":"é"}' });
    cleanups.push(() => target.close?.());
    const r = await runLoad(Load.sharedIterations({ vus: 1, iterations: 3, exec: target }));
    expect(r.metrics.http_reqs!.values.count).toBe(3);
    expect(r.metrics.http_req_failed!.values.rate).toBe(0);
    expect(seen).toMatchObject({ method: 'POST', url: '/x?y=1', body: '{"a":"é"}', headers: { 'content-type': 'application/json', 'x-run': 'r1', host: `127.0.0.1:${srv.port}` } });
  });

  it('http() tags statuses and transport errors as k6 does, with either client', async () => {
    const srv = await httpServer((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end();
    });
    for (const kind of ['http1', 'undici'] as const) {
      const ok200 = http({ url: `http://127.0.0.1:${srv.port}/`, client: kind, name: 'ok' });
      const notFound = http({ url: `http://127.0.0.1:${srv.port}/missing`, client: kind, name: 'missing' });
      cleanups.push(() => ok200.close?.(), () => notFound.close?.());
      const r = await runLoad({ a: Load.sharedIterations({ vus: 2, iterations: 10, exec: ok200 }), b: Load.sharedIterations({ vus: 2, iterations: 10, exec: notFound }) }, { thresholds: { 'http_reqs{status:404}': ['count==10'], 'http_reqs{status:200}': ['count==10'] } });
      expect(r.thresholdsOk, kind).toBe(true);
      expect(r.metrics.http_req_failed!.values.rate, kind).toBe(0.5);
    }
  });

  it('rejects bad options before any request: https with the embedded client, a header it sets itself, a bad method', () => {
    expect(() => http({ url: 'https://127.0.0.1/', client: 'http1' })).toThrow(/plain http: only/);
    expect(() => http({ url: 'http://127.0.0.1/', headers: { Host: 'x' } })).toThrow(/Host is set by the client/);
    expect(() => http({ url: 'http://127.0.0.1/', method: 'GET /x' })).toThrow(/not an HTTP method/);
  });

  it('close() ends queued requests and closes every socket', async () => {
    const srv = await rawServer(() => {});
    const c = new Http1Client({ host: '127.0.0.1', port: srv.port, connections: 1, connectTimeoutMs: 1000, timeoutMs: 60_000 });
    const a = get(c, srv.port);
    const b = get(c, srv.port);
    await new Promise((r) => setTimeout(r, 50));
    await c.close();
    expect(await a).toMatchObject({ code: 'ABORTED' });
    expect(await b).toMatchObject({ code: 'ABORTED' });
  });
});
