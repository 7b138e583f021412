/**
 * Sub-millisecond wake-ups for the open-model scheduler without a busy event loop.
 *
 * Node's timers tick in whole milliseconds (libuv), so `setTimeout` alone starts an
 * iteration 0.5 ms late on average and over 1 ms at p99; spinning on setImmediate is
 * precise but keeps a core busy, and on a core shared with V8's own threads it is
 * preempted for whole scheduler slices (p99 2-4 ms when pinned to one core, measured).
 *
 * Here a small helper thread sleeps in `Atomics.wait` (a futex with a sub-ms timeout)
 * until shortly before the earliest deadline, then wakes the event loop with a message;
 * the loop yields to I/O with setImmediate for the last fraction of a millisecond. Both
 * threads sleep between iterations. Times cross threads on the monotonic hrtime clock,
 * which both threads share (each thread's performance.now() has its own origin).
 */
import { Worker } from 'node:worker_threads';

/** The helper wakes the loop this long before a deadline (message delivery ~0.1 ms). */
const EARLY_MS = 0.25;
/**
 * At most one helper wake per this interval: a wake costs ~60 µs of CPU across both
 * threads (measured), so above ~2k arrivals/s per thread iterations start in batches, at
 * most this late (the timer scheduler's batches are 1 ms).
 */
const MIN_WAKE_INTERVAL_MS = 0.5;

/**
 * The helper thread: shared[0] is the deadline in hrtime ms (0 = none), seq[0] changes
 * whenever the event loop publishes one. It posts once per published deadline.
 */
const HELPER = `
const { workerData, parentPort } = require('node:worker_threads');
const next = new Float64Array(workerData, 0, 1);
const seq = new Int32Array(workerData, 8, 1);
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
let fired = -1;
for (;;) {
  const s = Atomics.load(seq, 0);
  const at = next[0];
  if (at === 0 || s === fired) { Atomics.wait(seq, 0, s); continue; }
  const left = at - nowMs();
  if (left > 0) { Atomics.wait(seq, 0, s, left); continue; }
  fired = s;
  parentPort.postMessage(0);
}
`;

interface Waiter {
  at: number;
  resolve: () => void;
}

export class PreciseClock {
  private readonly shared = new SharedArrayBuffer(16);
  private readonly next = new Float64Array(this.shared, 0, 1);
  private readonly seq = new Int32Array(this.shared, 8, 1);
  private readonly worker: Worker;
  /** hrtime ms minus performance.now() in this thread. */
  private readonly offset: number;
  /** Sorted by `at`; there are as many as concurrently waiting scenarios (a handful). */
  private waiters: Waiter[] = [];
  private spinning = false;
  private lastWake = -Infinity;
  /** The helper died (or the clock closed): wake with timers instead. */
  private broken = false;
  private fallbackTimer: NodeJS.Timeout | undefined;
  private readonly online: Promise<void>;

  constructor() {
    this.offset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
    // execArgv []: the helper is plain CommonJS and needs no loader hooks (tsx) or --input-type of ours
    this.worker = new Worker(HELPER, { eval: true, execArgv: [], workerData: this.shared, stdout: false, stderr: false });
    this.worker.unref();
    this.worker.on('message', () => this.drain());
    this.online = new Promise<void>((resolve, reject) => {
      this.worker.once('online', () => resolve());
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(new Error('the precise clock helper thread exited before it started')));
    });
    this.online.catch(() => {}); // a caller that never asks ready() must not see an unhandled rejection
    // Should the helper ever die, fall back to the 1 ms timer clock rather than sleep forever.
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
  }

  /** Resolves at `at` (performance.now() ms) or when `signal` aborts. */
  sleepUntil(at: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted || at <= performance.now()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const w: Waiter = { at, resolve };
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      w.resolve = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      let i = this.waiters.length;
      while (i > 0 && this.waiters[i - 1]!.at > at) i--;
      this.waiters.splice(i, 0, w);
      if (i === 0 && !this.spinning) this.schedule();
    });
  }

  /**
   * Wakes whoever is due, then arms the helper for the next deadline. After the helper's
   * early wake the last fraction of a millisecond is waited out yielding to I/O
   * (setImmediate); a deadline already within EARLY_MS when it is asked for (arrivals
   * closer than that) is left to the helper instead, ~0.1 ms late, so that high rates do
   * not turn into a busy loop that the self-check would rightly flag.
   */
  private drain = (): void => {
    this.spinning = false;
    const now = performance.now();
    this.lastWake = now;
    let due = 0;
    while (due < this.waiters.length && this.waiters[due]!.at <= now) due++;
    if (due > 0) for (const w of this.waiters.splice(0, due)) w.resolve();
    this.schedule(true);
  };

  private fallBack(): void {
    if (this.broken) return;
    this.broken = true;
    this.schedule();
  }

  private schedule(finishing = false): void {
    const first = this.waiters[0];
    if (!first) return;
    if (this.broken) {
      clearTimeout(this.fallbackTimer);
      this.fallbackTimer = setTimeout(this.drain, Math.max(0, first.at - performance.now()));
      return;
    }
    const left = first.at - performance.now();
    if (left <= EARLY_MS && finishing) {
      this.spinning = true;
      setImmediate(this.drain);
      return;
    }
    const wake = Math.max(left > EARLY_MS ? first.at - EARLY_MS : first.at, this.lastWake + MIN_WAKE_INTERVAL_MS);
    this.next[0] = wake + this.offset;
    Atomics.add(this.seq, 0, 1);
    Atomics.notify(this.seq, 0);
  }

  /** Resolves once the helper thread runs (~20-30 ms after construction): start the clock before a scenario's time zero. */
  ready(): Promise<void> {
    return this.online;
  }

  async close(): Promise<void> {
    this.broken = true; // the helper's exit must not re-arm anything
    clearTimeout(this.fallbackTimer);
    for (const w of this.waiters.splice(0)) w.resolve();
    await this.worker.terminate();
  }
}
