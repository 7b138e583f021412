/**
 * HTTP target on an undici Pool with explicit connections and timeouts. One request per
 * iteration, tagged as k6 tags it (method, status, name, expected_response, error_code).
 * `http_req_duration` is measured from the iteration's intended start (open model: it
 * includes any wait for a VU or a pooled connection); `http_req_waiting` from the send.
 * Failed requests (status outside expectedStatuses, timeouts, resets) do not throw: they
 * count in http_req_failed with status 0 for transport errors, as in k6.
 *
 * Uses undici's dispatch() handler API (no response stream per request; the body is
 * discarded as it arrives) and reuses one tags object per (scenario, status, error).
 */
import { Pool, type Dispatcher } from 'undici';
import type { MetricsApi } from '../metrics/api.js';
import type { IterationContext, Target, Tags } from '../types.js';

export interface HttpTargetOptions {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Per request, for headers and for the body (undici headersTimeout/bodyTimeout). Default 10000. */
  timeoutMs?: number;
  /** TCP connect timeout. Default 5000. */
  connectTimeoutMs?: number;
  /** Pool size: most concurrent connections. Default 256. */
  connections?: number;
  /** Path (and query) per iteration, e.g. ({ iteration }) => `/products/${(iteration % 200) + 1}`; default the URL's. Not sent to worker threads. */
  path?: (ctx: IterationContext) => string;
  /** k6's `name` tag; defaults to the URL. */
  name?: string;
  /** Statuses that are not failures (k6 expectedStatuses). Default 200..399. */
  expectedStatuses?: { min: number; max: number } | number[];
}

type Adders = Record<'reqs' | 'duration' | 'waiting' | 'failed', (v: number, tags: Tags) => void>;

export function http(options: HttpTargetOptions): Target {
  const url = new URL(options.url);
  const method = (options.method ?? 'GET').toUpperCase();
  const timeout = options.timeoutMs ?? 10_000;
  const pool = new Pool(url.origin, {
    connections: options.connections ?? 256,
    pipelining: 1,
    connect: { timeout: options.connectTimeoutMs ?? 5000 },
    headersTimeout: timeout,
    bodyTimeout: timeout,
  });
  const name = options.name ?? options.url;
  const expected = options.expectedStatuses ?? { min: 200, max: 399 };
  const isExpected = Array.isArray(expected) ? (s: number) => expected.includes(s) : (s: number) => s >= expected.min && s <= expected.max;
  const dispatchOptions = {
    origin: url.origin,
    path: url.pathname + url.search,
    method: method as 'GET',
    headers: options.headers,
    body: options.body,
    headersTimeout: timeout,
    bodyTimeout: timeout,
  };
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
        pool.dispatch(options.path ? { ...dispatchOptions, path: options.path(ctx) } : dispatchOptions, new Exchange(ctx, adderFor(ctx.metrics), tagsFor, resolve));
      });
    },
    close: () => pool.close(),
  };
}

/**
 * One request's handler. A class, not closures: no per-request function objects (and no
 * per-closure name helpers under tsx), which matters at tens of thousands of requests/s.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private readonly sent = performance.now();
  private status = 0;
  private waiting = 0;
  private errorCode: string | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private listening = false;
  private done = false;

  constructor(
    private readonly ctx: IterationContext,
    private readonly add: Adders,
    private readonly tagsFor: (ctx: IterationContext, status: number, errorCode: string | undefined) => Tags,
    private readonly resolve: () => void,
  ) {}

  /** AbortSignal listener (EventListenerObject): the iteration's gracefulStop ran out. */
  handleEvent(): void {
    this.controller?.abort(new Error('iteration aborted (gracefulStop)'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.ctx.signal.aborted) controller.abort(new Error('iteration aborted (gracefulStop)'));
    else {
      this.ctx.signal.addEventListener('abort', this, { once: true });
      this.listening = true;
    }
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    if (statusCode >= 200) {
      this.status = statusCode;
      this.waiting = performance.now() - this.sent;
    }
  }

  onResponseData(): void {}

  onResponseEnd(): void {
    this.finish();
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.errorCode = (err as { code?: string }).code ?? err.name ?? 'ERROR';
    if (!this.waiting) this.status = 0;
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (this.listening) this.ctx.signal.removeEventListener('abort', this);
    const end = performance.now();
    const tags = this.tagsFor(this.ctx, this.status, this.errorCode);
    const ok = tags.expected_response === 'true';
    this.add.reqs(1, tags);
    this.add.duration(end - this.ctx.intendedStart, tags);
    this.add.waiting(this.waiting || end - this.sent, tags);
    this.add.failed(ok ? 0 : 1, tags);
    this.resolve();
  }
}
