/**
 * The load engine's own HTTP/1.1 client for plain `http:` targets: a pool of keep-alive
 * connections, one request in flight per connection (no pipelining, as k6, wrk and
 * undici's default), a FIFO queue when every connection is busy, total-request and
 * connect timeouts, aborts by AbortSignal.
 *
 * Why hand-written and not undici (which stays the client for https: and on request, see
 * ../http.ts): a load generator needs the cheapest possible request, and the benchmark
 * (`pnpm bench`, bench/load.ts) measured undici's per-request cost at ~3x this client's
 * against the same nginx. The savings come from what a generator does not need: no
 * header objects or strings per response (the parser reads status and framing from the
 * bytes), one reused read buffer per pool (net's `onread`, no Buffer per read), the
 * request bytes built once per target, one sweep timer per pool instead of a timer per
 * request, one abort listener per signal instead of one per request.
 *
 * Error codes (k6's error_code tag carries them): ETIMEDOUT (request or connect timeout),
 * the socket's own code (ECONNREFUSED, ECONNRESET, EPIPE, ...), ECLOSED (the server
 * closed the connection before the response was complete), HPE_INVALID_RESPONSE
 * (malformed response), ABORTED (the iteration's signal fired).
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { ParseError, ResponseParser } from './response-parser.js';

export interface Http1ClientOptions {
  host: string;
  port: number;
  /** Most concurrent connections. */
  connections: number;
  connectTimeoutMs: number;
  /** Whole request: from the call until the body's last byte (k6 `timeout`). */
  timeoutMs: number;
}

/** One request's owner: told the final status once the head is read, and the end once. */
export interface Http1Exchange {
  readonly signal: AbortSignal;
  onHead(status: number): void;
  /** `errorCode` is undefined when the response was read completely. */
  onEnd(errorCode: string | undefined): void;
}

interface Pending {
  bytes: Buffer;
  noBody: boolean;
  /** May be sent again once if a reused connection closes before any response byte. */
  idempotent: boolean;
  ex: Http1Exchange;
  deadline: number;
  done: boolean;
}

/** Close idle connections this long before the server's announced Keep-Alive timeout (as undici does). */
const KEEP_ALIVE_MARGIN_MS = 1000;

export class Http1Client {
  private readonly conns = new Set<Connection>();
  private readonly idle: Connection[] = [];
  private queue: Pending[] = [];
  private queueHead = 0;
  private sweeper: NodeJS.Timeout | undefined;
  private readonly watched = new WeakSet<AbortSignal>();
  private closed = false;
  /** One read buffer for every connection: net calls `onread` synchronously, and the parser copies what it keeps. */
  readonly readBuffer = Buffer.allocUnsafe(64 * 1024);

  constructor(readonly opts: Http1ClientOptions) {}

  send(bytes: Buffer, noBody: boolean, idempotent: boolean, ex: Http1Exchange): void {
    if (this.closed) return ex.onEnd('ABORTED');
    if (ex.signal.aborted) return ex.onEnd('ABORTED');
    if (!this.watched.has(ex.signal)) this.watch(ex.signal);
    this.sweeper ??= this.startSweeper();
    this.dispatch({ bytes, noBody, idempotent, ex, deadline: performance.now() + this.opts.timeoutMs, done: false });
  }

  private dispatch(p: Pending): void {
    const conn = this.takeIdle();
    if (conn) conn.start(p);
    else if (this.conns.size < this.opts.connections) this.open(p);
    else this.queue.push(p);
  }

  private takeIdle(): Connection | undefined {
    const now = performance.now();
    for (let conn = this.idle.pop(); conn; conn = this.idle.pop()) {
      if (conn.expiresAt > now) return conn;
      conn.destroy();
    }
    return undefined;
  }

  private open(first: Pending): void {
    const conn = new Connection(this);
    this.conns.add(conn);
    conn.connect(first);
  }

  /** Next queued request that is still wanted. */
  private dequeue(): Pending | undefined {
    while (this.queueHead < this.queue.length) {
      const p = this.queue[this.queueHead]!;
      this.queue[this.queueHead++] = undefined as unknown as Pending;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      if (!p.done) return p;
    }
    return undefined;
  }

  /** A connection finished a response and can carry another. */
  released(conn: Connection): void {
    const next = this.dequeue();
    if (next) conn.start(next);
    else this.idle.push(conn);
  }

  /** A connection is gone; a queued request may now open a new one. */
  removed(conn: Connection, retry: Pending | undefined): void {
    this.conns.delete(conn);
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
    if (this.closed) return;
    if (retry) this.dispatch(retry);
    else {
      const next = this.conns.size < this.opts.connections ? this.dequeue() : undefined;
      if (next) this.open(next);
    }
  }

  private watch(signal: AbortSignal): void {
    this.watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        for (let i = this.queueHead; i < this.queue.length; i++) {
          const p = this.queue[i]!;
          if (p.ex.signal === signal) finish(p, 'ABORTED');
        }
        for (const conn of this.conns) if (conn.current?.ex.signal === signal) conn.fail('ABORTED');
      },
      { once: true },
    );
  }

  private startSweeper(): NodeJS.Timeout {
    const every = Math.min(250, Math.max(10, Math.min(this.opts.timeoutMs, this.opts.connectTimeoutMs) / 10));
    const t = setInterval(() => this.sweep(), every);
    t.unref();
    return t;
  }

  private sweep(): void {
    const now = performance.now();
    for (const conn of this.conns) conn.check(now);
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const p = this.queue[i]!;
      if (!p.done && p.deadline <= now) finish(p, 'ETIMEDOUT');
    }
  }

  /** Ends queued and in-flight requests (ABORTED) and resolves when every socket is closed. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (let p = this.dequeue(); p; p = this.dequeue()) finish(p, 'ABORTED');
    const gone = [...this.conns].map((c) => c.destroyed());
    for (const c of this.conns) c.fail('ABORTED');
    await Promise.all(gone);
  }
}

function finish(p: Pending, code: string | undefined): void {
  if (p.done) return;
  p.done = true;
  p.ex.onEnd(code);
}

const enum ConnState {
  Connecting,
  Idle,
  Busy,
  Closed,
}

class Connection {
  private socket: net.Socket | undefined;
  private state = ConnState.Connecting;
  private readonly parser = new ResponseParser();
  current: Pending | undefined;
  private connectDeadline = 0;
  /** Completed responses on this connection: a failure on a reused one may be the server's idle close. */
  private served = 0;
  private gotBytes = false;
  private headSeen = false;
  expiresAt = Infinity;
  private readonly closedPromise: Promise<void>;
  private onClosed!: () => void;

  constructor(private readonly pool: Http1Client) {
    this.closedPromise = new Promise((resolve) => (this.onClosed = resolve));
  }

  connect(first: Pending): void {
    const { host, port, connectTimeoutMs } = this.pool.opts;
    this.current = first;
    this.connectDeadline = performance.now() + connectTimeoutMs;
    const socket = net.connect({
      host,
      port,
      onread: { buffer: this.pool.readBuffer, callback: (n: number, buf: Buffer) => this.onRead(buf, n) },
    });
    this.socket = socket;
    socket.setNoDelay(true);
    socket.once('connect', () => {
      this.connectDeadline = 0;
      const p = this.current;
      this.current = undefined;
      this.state = ConnState.Idle;
      if (p && !p.done) this.start(p);
      else this.pool.released(this);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(err.code ?? 'ECONNRESET'));
    socket.on('end', () => this.onEnd());
    socket.on('close', () => this.fail('ECLOSED'));
  }

  start(p: Pending): void {
    this.state = ConnState.Busy;
    this.current = p;
    this.gotBytes = false;
    this.headSeen = false;
    this.parser.reset(p.noBody);
    this.socket!.write(p.bytes);
  }

  private onRead(buf: Buffer, n: number): boolean {
    const p = this.current;
    if (!p || this.state !== ConnState.Busy) {
      // bytes nobody asked for: the connection is out of step
      this.fail('HPE_INVALID_RESPONSE');
      return false;
    }
    this.gotBytes = true;
    let used: number;
    try {
      used = this.parser.execute(buf, 0, n);
    } catch (e) {
      this.fail(e instanceof ParseError ? e.code : 'HPE_INVALID_RESPONSE');
      return false;
    }
    if (!this.headSeen && this.parser.headComplete) {
      this.headSeen = true;
      p.ex.onHead(this.parser.response.status);
    }
    if (this.parser.complete) {
      this.complete(p);
      if (used < n) this.fail('HPE_INVALID_RESPONSE');
    }
    return true;
  }

  /** The server ended the connection: that completes a body read until close. */
  private onEnd(): void {
    if (this.current && this.parser.untilClose) {
      this.parser.end();
      this.complete(this.current);
    }
  }

  private complete(p: Pending): void {
    this.current = undefined;
    this.served++;
    const res = this.parser.response;
    if (p.done) {
      // timed out or aborted while the response was arriving: the connection's state is unknown
      this.destroy();
      return;
    }
    finish(p, undefined);
    if (!res.keepAlive) {
      this.destroy();
      return;
    }
    if (res.keepAliveTimeoutMs !== undefined) this.expiresAt = performance.now() + res.keepAliveTimeoutMs - KEEP_ALIVE_MARGIN_MS;
    this.state = ConnState.Idle;
    this.pool.released(this);
  }

  /** Ends the current request with `code` (or sends it again, see Pending.idempotent) and closes the connection. */
  fail(code: string): void {
    if (this.state === ConnState.Closed) return;
    this.state = ConnState.Closed;
    const p = this.current;
    this.current = undefined;
    let retry: Pending | undefined;
    if (p && !p.done) {
      const idleClose = this.served > 0 && !this.gotBytes && p.idempotent && (code === 'ECLOSED' || code === 'ECONNRESET' || code === 'EPIPE');
      if (idleClose) {
        p.idempotent = false;
        retry = p;
      } else finish(p, code);
    }
    const socket = this.socket;
    socket?.destroy();
    this.pool.removed(this, retry);
    if (!socket || socket.closed) this.onClosed();
    else socket.once('close', this.onClosed);
  }

  destroy(): void {
    this.fail('ABORTED');
  }

  destroyed(): Promise<void> {
    return this.closedPromise;
  }

  /** Sweep: timeouts of the request in flight and of the connect. */
  check(now: number): void {
    if (this.state === ConnState.Closed) return;
    if (this.connectDeadline && now >= this.connectDeadline) return this.fail('ETIMEDOUT');
    const p = this.current;
    if (p && !p.done && p.deadline <= now) this.fail('ETIMEDOUT');
    else if (this.state === ConnState.Idle && this.expiresAt <= now) this.fail('ABORTED');
  }
}
