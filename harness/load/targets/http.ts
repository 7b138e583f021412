/**
 * HTTP target on an undici Pool with explicit connections and timeouts. One request per
 * iteration, tagged as k6 tags it (method, status, name, expected_response, error_code).
 * `http_req_duration` is measured from the iteration's intended start (open model: it
 * includes any wait for a VU or a pooled connection); `http_req_waiting` from the send.
 * Failed requests (status outside expectedStatuses, timeouts, resets) do not throw: they
 * count in http_req_failed with status 0 for transport errors, as in k6.
 */
import { Pool } from 'undici';
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
  /** Path (and query) per iteration, e.g. ({ iteration }) => `/products/${iteration % 200 + 1}`; default the URL's. Not sent to worker threads. */
  path?: (ctx: IterationContext) => string;
  /** k6's `name` tag; defaults to the URL. */
  name?: string;
  /** Statuses that are not failures (k6 expectedStatuses). Default 200..399. */
  expectedStatuses?: { min: number; max: number } | number[];
}

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
  const path = url.pathname + url.search;
  const name = options.name ?? options.url;
  const expected = options.expectedStatuses ?? { min: 200, max: 399 };
  const isExpected = Array.isArray(expected) ? (s: number) => expected.includes(s) : (s: number) => s >= expected.min && s <= expected.max;
  const request = { path, method, headers: options.headers, body: options.body };

  return {
    kind: 'http',
    spec: { kind: 'http', options },
    async run(ctx: IterationContext) {
      const sent = performance.now();
      let status = 0;
      let waiting = 0;
      let errorCode: string | undefined;
      try {
        const res = await pool.request({ ...request, ...(options.path ? { path: options.path(ctx) } : {}), signal: ctx.signal });
        waiting = performance.now() - sent;
        status = res.statusCode;
        await res.body.dump();
      } catch (e) {
        errorCode = (e as { code?: string }).code ?? (e as Error).name ?? 'ERROR';
        if (!waiting) waiting = performance.now() - sent;
      }
      const end = performance.now();
      const ok = status !== 0 && isExpected(status);
      const tags: Tags = { method, status: String(status), name, expected_response: String(ok) };
      if (errorCode) tags.error_code = errorCode;
      const m = ctx.metrics;
      m.add('http_reqs', 1, tags);
      m.add('http_req_duration', end - ctx.intendedStart, tags);
      m.add('http_req_waiting', waiting, tags);
      m.add('http_req_failed', ok ? 0 : 1, tags);
    },
    close: () => pool.close(),
  };
}
