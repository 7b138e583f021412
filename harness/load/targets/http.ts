/**
 * HTTP target: one request per iteration, tagged as k6 tags it (method, status, name,
 * expected_response, error_code). `http_req_duration` is measured from the iteration's
 * intended start (open model: it includes any wait for a VU or a pooled connection);
 * `http_req_waiting` from the send to the response head. Failed requests (status outside
 * expectedStatuses, timeouts, resets) do not throw: they count in http_req_failed with
 * status 0 for transport errors, as in k6.
 *
 * Two clients with one contract: the embedded HTTP/1.1 client (http1/client.ts, the
 * default for http: URLs, ~3x cheaper per request) and undici (https: URLs, or
 * `client: 'undici'`). One tags object is reused per (scenario, status, error).
 */
import type { MetricsApi } from '../metrics/api.js';
import type { HttpTargetOptions, IterationContext, Target, Tags } from '../types.js';
import { Http1Client, type Http1Exchange } from './http1/client.js';
import { headTail, requestBytes, validateHeaders } from './http1/request-head.js';
import { UndiciClient } from './undici-client.js';

export type { HttpTargetOptions };

type Adders = Record<'reqs' | 'duration' | 'waiting' | 'failed', (v: number, tags: Tags) => void>;

interface Client {
  send(path: string | undefined, ex: Http1Exchange): void;
  close(): Promise<void>;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

export function http(options: HttpTargetOptions): Target {
  const url = new URL(options.url);
  const method = (options.method ?? 'GET').toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new TypeError(`http(): method ${JSON.stringify(options.method)} is not an HTTP method; use e.g. GET or POST.`);
  const client = makeClient(url, method, options);
  const name = options.name ?? options.url;
  const expected = options.expectedStatuses ?? { min: 200, max: 399 };
  const isExpected = Array.isArray(expected) ? (s: number) => expected.includes(s) : (s: number) => s >= expected.min && s <= expected.max;
  const adders = new WeakMap<MetricsApi, Adders>();
  const tagCache = new Map<string, Tags>();
  const tagsFor = (ctx: IterationContext, status: number, errorCode: string | undefined): Tags => {
    const key = `${ctx.scenario}\u0000${status}\u0000${errorCode ?? ''}`;
    let tags = tagCache.get(key);
    if (!tags) {
      const ok = status !== 0 && errorCode === undefined && isExpected(status);
      tags = { ...ctx.tags, method, status: String(status), name, expected_response: String(ok) };
      if (errorCode) tags.error_code = errorCode;
      tagCache.set(key, tags);
    }
    return tags;
  };
  const adderFor = (m: MetricsApi): Adders => {
    let add = adders.get(m);
    if (!add) {
      add = { reqs: m.adder('http_reqs'), duration: m.adder('http_req_duration'), waiting: m.adder('http_req_waiting'), failed: m.adder('http_req_failed') };
      adders.set(m, add);
    }
    return add;
  };

  return {
    kind: 'http',
    spec: { kind: 'http', options },
    run(ctx: IterationContext) {
      return new Promise<void>((resolve) => {
        client.send(options.path?.(ctx), new Exchange(ctx, adderFor(ctx.metrics), tagsFor, resolve));
      });
    },
    close: () => client.close(),
  };
}

function makeClient(url: URL, method: string, o: HttpTargetOptions): Client {
  const which = o.client ?? (url.protocol === 'http:' ? 'http1' : 'undici');
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`http(): url ${o.url} must start with http:// or https://.`);
  if (which === 'http1' && url.protocol !== 'http:') throw new TypeError(`http(): client 'http1' speaks plain http: only; for ${o.url} use client: 'undici' (the default for https:).`);
  if (which !== 'http1' && which !== 'undici') throw new TypeError(`http(): client must be 'http1' or 'undici', not ${JSON.stringify(which)}.`);
  validateHeaders(o.headers);
  const connections = o.connections ?? 256;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const connectTimeoutMs = o.connectTimeoutMs ?? 5000;
  const fixedPath = url.pathname + url.search;
  if (which === 'undici') {
    const undici = new UndiciClient({ origin: url.origin, method, headers: o.headers, body: o.body, connections, connectTimeoutMs, timeoutMs });
    return { send: (path, ex) => undici.send(path ?? fixedPath, ex), close: () => undici.close() };
  }
  const h1 = new Http1Client({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), connections, connectTimeoutMs, timeoutMs });
  const tail = headTail({ method, host: url.host, headers: o.headers, body: o.body });
  const fixed = requestBytes(method, fixedPath, tail, o.body);
  const noBody = method === 'HEAD';
  const idempotent = IDEMPOTENT.has(method);
  return {
    send: (path, ex) => h1.send(path === undefined ? fixed : requestBytes(method, path, tail, o.body), noBody, idempotent, ex),
    close: () => h1.close(),
  };
}

/**
 * One request's metrics. A class, not closures: no per-request function objects, which
 * matters at tens of thousands of requests/s.
 */
class Exchange implements Http1Exchange {
  private readonly sent = performance.now();
  private status = 0;
  private waiting = 0;

  constructor(
    private readonly ctx: IterationContext,
    private readonly add: Adders,
    private readonly tagsFor: (ctx: IterationContext, status: number, errorCode: string | undefined) => Tags,
    private readonly resolve: () => void,
  ) {}

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  onHead(status: number): void {
    this.status = status;
    this.waiting = performance.now() - this.sent;
  }

  onEnd(errorCode: string | undefined): void {
    const end = performance.now();
    // status stays 0 unless a response head arrived (k6: status 0 for transport errors)
    const tags = this.tagsFor(this.ctx, this.status, errorCode);
    const ok = tags.expected_response === 'true';
    this.add.reqs(1, tags);
    this.add.duration(end - this.ctx.intendedStart, tags);
    this.add.waiting(this.waiting || end - this.sent, tags);
    this.add.failed(ok ? 0 : 1, tags);
    this.resolve();
  }
}
