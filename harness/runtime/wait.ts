/**
 * Readiness wait strategies, one small class each behind a static facade (like testcontainers):
 *
 *   await Wait.forTcp({ host, port }).waitUntil({ deadline, what: 'redis' })
 *   await Wait.forAll([Wait.forHttp(url), Wait.forLogMessage(file, /ready/)]).withDeadline(5000).waitUntil(...)
 *
 * Each polls until the deadline and then throws ReadinessTimeoutError naming what it waited
 * for, how long, the last error and the log file to read.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReadinessTimeoutError } from '../errors.js';
import { endpointString, type Endpoint } from './types.js';

export interface WaitOptions {
  /** Absolute deadline, epoch ms. */
  deadline: number;
  /** Who is waited for, e.g. "redis" (first words of the error). */
  what: string;
  /** Named in the error's fix line. */
  logFile?: string;
  /** Stops waiting early (e.g. the process exited); the abort reason is thrown. */
  signal?: AbortSignal;
}

export interface WaitStrategy {
  /** One phrase, e.g. "TCP 127.0.0.1:6379 accepts connections". */
  readonly condition: string;
  waitUntil(options: WaitOptions): Promise<void>;
}

/** Per-attempt cap so one hung probe cannot eat the whole deadline. */
const ATTEMPT_MS = 1000;

abstract class PollingWait implements WaitStrategy {
  abstract readonly condition: string;
  protected intervalMs = 25;
  /** Resolves when ready; throws (with the reason) when not yet. */
  protected abstract probe(attemptMs: number): Promise<void>;

  withPollInterval(ms: number): this {
    this.intervalMs = ms;
    return this;
  }

  async waitUntil({ deadline, what, logFile, signal }: WaitOptions): Promise<void> {
    const started = Date.now();
    let last: unknown;
    for (;;) {
      signal?.throwIfAborted();
      const left = deadline - Date.now();
      if (left <= 0) throw new ReadinessTimeoutError(what, this.condition, Date.now() - started, last, logFile);
      try {
        await this.probe(Math.min(ATTEMPT_MS, left));
        return;
      } catch (e) {
        last = e;
      }
      signal?.throwIfAborted();
      const pause = Math.min(this.intervalMs, deadline - Date.now());
      if (pause > 0) await sleep(pause, undefined, signal ? { signal } : undefined).catch(() => undefined);
    }
  }
}

class TcpWait extends PollingWait {
  readonly condition: string;
  constructor(private readonly endpoint: Endpoint) {
    super();
    this.condition = `TCP ${endpointString(endpoint)} accepts connections`;
  }
  protected probe(attemptMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: this.endpoint.host, port: this.endpoint.port });
      s.setTimeout(attemptMs, () => s.destroy(new Error(`connect timed out after ${attemptMs}ms`)));
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', reject);
    });
  }
}

class HttpWait extends PollingWait {
  readonly condition: string;
  constructor(
    private readonly url: string,
    private readonly status: number,
  ) {
    super();
    this.condition = `GET ${url} answers ${status}`;
  }
  protected probe(attemptMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      // agent: false: one connection per probe, closed after, so no keep-alive socket outlives the wait.
      const req = request(this.url, { method: 'GET', agent: false, timeout: attemptMs }, (res) => {
        res.resume();
        if (res.statusCode === this.status) resolve();
        else reject(new Error(`status ${res.statusCode}`));
      });
      req.once('timeout', () => req.destroy(new Error(`no answer within ${attemptMs}ms`)));
      req.once('error', reject);
      req.end();
    });
  }
}

export interface LogMessageOptions {
  /** How many matches are needed (default 1). */
  times?: number;
  /** Only text after this byte offset of the file counts (e.g. the size before a restart). */
  fromByte?: number;
}

export class LogMessageWait extends PollingWait {
  readonly condition: string;
  /** The last match, once ready (e.g. to read a port a server printed). */
  match: RegExpMatchArray | undefined;
  private streamText = '';
  constructor(
    private readonly source: string | Readable,
    private readonly regex: RegExp,
    private readonly options: LogMessageOptions = {},
  ) {
    super();
    const where = typeof source === 'string' ? source : 'the output stream';
    this.condition = `log message ${regex} in ${where}${(options.times ?? 1) > 1 ? ` ${options.times} times` : ''}`;
    if (typeof source !== 'string') source.on('data', (d: Buffer | string) => (this.streamText += d.toString()));
  }

  private async text(): Promise<string> {
    if (typeof this.source !== 'string') return this.streamText;
    const fh = await open(this.source, 'r');
    try {
      const { size } = await fh.stat();
      const from = this.options.fromByte ?? 0;
      const buf = Buffer.alloc(Math.max(0, size - from));
      await fh.read(buf, 0, buf.length, from);
      return buf.toString('utf8');
    } finally {
      await fh.close();
    }
  }

  protected async probe(): Promise<void> {
    const text = await this.text();
    const flags = this.regex.flags.includes('g') ? this.regex.flags : `${this.regex.flags}g`;
    const matches = [...text.matchAll(new RegExp(this.regex.source, flags))];
    const need = this.options.times ?? 1;
    if (matches.length < need) throw new Error(`${matches.length} of ${need} matches so far`);
    this.match = matches[need - 1];
  }
}

class AllWait implements WaitStrategy {
  readonly condition: string;
  private deadlineMs: number | undefined;
  constructor(private readonly waits: readonly WaitStrategy[]) {
    this.condition = waits.map((w) => w.condition).join(' and ');
  }
  /** A relative deadline for the whole group; the tighter of this and the caller's wins. */
  withDeadline(ms: number): this {
    this.deadlineMs = ms;
    return this;
  }
  async waitUntil(options: WaitOptions): Promise<void> {
    const deadline = this.deadlineMs === undefined ? options.deadline : Math.min(options.deadline, Date.now() + this.deadlineMs);
    const ac = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, ac.signal]) : ac.signal;
    try {
      await Promise.all(this.waits.map((w) => w.waitUntil({ ...options, deadline, signal })));
    } catch (e) {
      ac.abort(e);
      throw e;
    }
  }
}

export const Wait = {
  forTcp: (endpoint: Endpoint) => new TcpWait(endpoint),
  forHttp: (url: string | URL, options: { status?: number } = {}) => new HttpWait(String(url), options.status ?? 200),
  forLogMessage: (source: string | Readable, regex: RegExp, options?: LogMessageOptions) =>
    new LogMessageWait(source, regex, options),
  forAll: (waits: readonly WaitStrategy[]) => new AllWait(waits),
};
