/**
 * The HTTP target's undici client: used for https: URLs and when a target asks for it
 * (`client: 'undici'`). Same contract as the embedded HTTP/1.1 client (http1/client.ts):
 * the exchange hears the final status once and the end once, with an error code on failure.
 * Uses undici's dispatch() handler API, so no response stream is made per request.
 */
import { Pool, type Dispatcher } from 'undici';
import type { Http1Exchange } from './http1/client.js';

export interface UndiciClientOptions {
  origin: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  connectTimeoutMs: number;
  timeoutMs: number;
}

export class UndiciClient {
  private readonly pool: Pool;
  private readonly base: Dispatcher.DispatchOptions;

  constructor(o: UndiciClientOptions) {
    this.pool = new Pool(o.origin, {
      connections: o.connections,
      pipelining: 1,
      connect: { timeout: o.connectTimeoutMs },
      headersTimeout: o.timeoutMs,
      bodyTimeout: o.timeoutMs,
    });
    this.base = { origin: o.origin, path: '/', method: o.method as Dispatcher.HttpMethod, headers: o.headers, body: o.body, headersTimeout: o.timeoutMs, bodyTimeout: o.timeoutMs };
  }

  send(path: string, ex: Http1Exchange): void {
    this.pool.dispatch({ ...this.base, path }, new UndiciHandler(ex));
  }

  /** Idempotent: runLoad closes its targets, and so may their owner. */
  close(): Promise<void> {
    return (this.closing ??= this.pool.close());
  }

  private closing: Promise<void> | undefined;
}

class UndiciHandler implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private listening = false;
  private done = false;

  constructor(private readonly ex: Http1Exchange) {}

  /** AbortSignal listener (EventListenerObject). */
  handleEvent(): void {
    this.controller?.abort(Object.assign(new Error('iteration aborted'), { code: 'ABORTED' }));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.ex.signal.aborted) this.handleEvent();
    else {
      this.ex.signal.addEventListener('abort', this, { once: true });
      this.listening = true;
    }
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    if (statusCode >= 200) this.ex.onHead(statusCode);
  }

  onResponseData(): void {}

  onResponseEnd(): void {
    this.end(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.end((err as { code?: string }).code ?? err.name ?? 'ERROR');
  }

  private end(code: string | undefined): void {
    if (this.done) return;
    this.done = true;
    if (this.listening) this.ex.signal.removeEventListener('abort', this);
    this.ex.onEnd(code);
  }
}
