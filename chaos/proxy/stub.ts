/**
 * A ToxicStub runs one toxic on one direction of one connection (Toxiproxy's ToxicStub):
 * it reads items from `input`, writes to `output`, and can be interrupted so the chain can be
 * rewired while data flows (adding, updating or removing a toxic on a live connection).
 * Toxicity is decided here, once per run, so every toxic gets it for free.
 */
import { performance } from 'node:perf_hooks';
import type { Rng } from '../prng.js';
import type { ToxicType } from '../toxics/types.js';
import { Channel, isEnd, type Chunk, type EndKind, type Item } from './stream.js';
import { sleepUntil, type Interruptible } from './timers.js';

export const INTERRUPTED = Symbol('interrupted');

/** What a stub runs: a toxic type with its validated attributes and the wrapper's toxicity. */
export interface RunnableToxic {
  readonly impl: ToxicType;
  readonly attributes: Record<string, number>;
  readonly toxicity: number;
}

/** Hooks a stub needs from its link: flow-control accounting for bytes a toxic drops. */
export interface StubHost {
  discard(bytes: number): void;
}

export class ToxicStub implements Interruptible {
  output: Channel;
  /** Per-connection state of a stateful toxic (limit_data), kept across interrupts. */
  state: unknown;
  private interruptRequested = false;
  private interruptCb: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private closedFlag = false;
  /** The end marker this stub read from its input, forwarded by close(). */
  private seenEnd: EndKind | undefined;

  constructor(
    readonly input: Channel,
    output: Channel,
    private readonly host: StubHost,
    readonly rng: Rng,
  ) {
    this.output = output;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Next input item, or INTERRUPTED. */
  recv(): Item | typeof INTERRUPTED | Promise<Item | typeof INTERRUPTED> {
    if (this.interruptRequested) return INTERRUPTED;
    const item = this.input.tryShift();
    if (item !== undefined) {
      if (isEnd(item)) this.seenEnd = item.end;
      return item;
    }
    return new Promise((resolve) => {
      this.interruptCb = () => {
        this.input.cancelWait();
        resolve(INTERRUPTED);
      };
      this.input.wait((it) => {
        this.interruptCb = undefined;
        if (isEnd(it)) this.seenEnd = it.end;
        resolve(it);
      });
    });
  }

  /** Abandon a recv() the toxic no longer awaits (it raced it against a timer), so no item is lost to it. */
  interruptPendingRecv(): void {
    this.input.cancelWait();
    this.interruptCb = undefined;
  }

  send(chunk: Chunk): void {
    this.output.push(chunk);
  }

  /** Drop bytes on the floor (timeout, limit_data, reset_peer) and tell the link's flow control. */
  drop(bytes: number): void {
    if (bytes > 0) this.host.discard(bytes);
  }

  /** Sleep until performance.now() reaches `target`; true when interrupted. */
  sleepUntil(target: number, precise = false): Promise<boolean> {
    if (this.interruptRequested) return Promise.resolve(true);
    return sleepUntil(target, this, precise);
  }

  sleep(ms: number): Promise<boolean> {
    return this.sleepUntil(performance.now() + ms);
  }

  /** Close the output: forwards the input's end, or `kind` when the toxic itself closes. */
  close(kind?: EndKind): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.output.push({ end: kind ?? this.seenEnd ?? 'close' });
  }

  onInterrupt(cb: () => void): void {
    this.interruptCb = cb;
  }

  clearInterrupt(): void {
    this.interruptCb = undefined;
  }

  /** Start running a toxic; with probability 1 - toxicity it runs as a no-op for this run. */
  run(toxic: RunnableToxic, noop: ToxicType): void {
    const impl = this.rng() < toxic.toxicity ? toxic.impl : noop;
    this.running = impl.pipe(this, toxic.attributes).catch(() => this.close('close'));
  }

  /** Stop the running toxic so the chain can change. False if the stub is already closed. */
  async interrupt(): Promise<boolean> {
    if (this.closedFlag) return false;
    this.interruptRequested = true;
    const cb = this.interruptCb;
    this.interruptCb = undefined;
    cb?.();
    await this.running;
    this.interruptRequested = false;
    return true;
  }
}
