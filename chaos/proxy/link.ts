/**
 * A ToxicLink is one direction of one connection: source socket -> chain of stubs -> dest socket
 * (Toxiproxy's link.go). The chain always starts with a hidden noop stub so a toxic can be added
 * after it, and toxics are added, updated and removed on live links by interrupting the stubs
 * around them, moving queued data along so none is lost or reordered.
 *
 * Flow control is per link: the source is paused while more than HIGH_WATER bytes are inside the
 * chain or waiting in the destination's write buffer.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Rng } from '../prng.js';
import { noopToxic } from '../toxics/registry.js';
import { Channel, isEnd, type EndKind, type Item } from './stream.js';
import { ToxicStub, type RunnableToxic, type StubHost } from './stub.js';
import type { Direction } from './toxic-wrapper.js';

const HIGH_WATER = 16 * 1024 * 1024;

export interface LinkEvents {
  /** bytes read from the source */
  received(direction: Direction, bytes: number): void;
  /** bytes written to the destination */
  sent(direction: Direction, bytes: number): void;
  /** the chain delivered its end marker to the destination */
  ended(link: ToxicLink, kind: EndKind): void;
}

export class ToxicLink implements StubHost {
  readonly stubs: ToxicStub[] = [];
  private readonly out: Channel;
  private inflight = 0;
  private paused = false;
  private inputEnded = false;
  private outputEnded = false;

  constructor(
    readonly direction: Direction,
    chain: readonly RunnableToxic[],
    private readonly source: Socket,
    private readonly dest: Socket,
    private readonly rng: Rng,
    private readonly events: LinkEvents,
  ) {
    let last = new Channel();
    for (let i = 0; i < chain.length; i++) {
      const next = new Channel();
      const stub = new ToxicStub(last, next, this, rng);
      stub.state = chain[i]!.impl.newState?.();
      this.stubs.push(stub);
      last = next;
    }
    this.out = last;
    this.dest.on('drain', () => this.checkFlow());
    this.source.on('data', (data: Buffer) => {
      this.inflight += data.length;
      this.events.received(this.direction, data.length);
      this.stubs[0]!.input.push({ data, ts: performance.now() });
      this.checkFlow();
    });
    this.source.on('end', () => this.endInput('eof'));
    this.source.on('close', () => this.endInput('close'));
    chain.forEach((t, i) => this.stubs[i]!.run(t, noopToxic));
    this.pump();
  }

  /** The source stopped (FIN, error or close): push the end marker into the chain once. */
  endInput(kind: EndKind): void {
    if (this.inputEnded) return;
    this.inputEnded = true;
    this.stubs[0]!.input.push({ end: kind });
  }

  get ended(): boolean {
    return this.outputEnded;
  }

  discard(bytes: number): void {
    this.inflight -= bytes;
    this.checkFlow();
  }

  private checkFlow(): void {
    const over = this.inflight > HIGH_WATER || this.dest.writableLength > HIGH_WATER;
    if (over && !this.paused) {
      this.paused = true;
      this.source.pause();
    } else if (!over && this.paused) {
      this.paused = false;
      this.source.resume();
    }
  }

  /** Deliver the chain's output to the destination, synchronously as items arrive. */
  private pump = (): void => {
    for (;;) {
      const item = this.out.tryShift();
      if (item === undefined) {
        if (!this.outputEnded) this.out.wait(this.onItem);
        return;
      }
      this.deliver(item);
      if (this.outputEnded) return;
    }
  };

  private onItem = (item: Item): void => {
    this.deliver(item);
    if (!this.outputEnded) this.pump();
  };

  private deliver(item: Item): void {
    if (isEnd(item)) {
      this.outputEnded = true;
      this.events.ended(this, item.end);
      return;
    }
    const n = item.data.length;
    this.inflight -= n;
    if (!this.dest.destroyed && this.dest.writable) {
      this.dest.write(item.data);
      this.events.sent(this.direction, n);
    }
    this.checkFlow();
  }

  /** Add a toxic at the end of the chain (link.go AddToxic). */
  async addToxic(toxic: RunnableToxic, chainBefore: RunnableToxic): Promise<void> {
    const i = this.stubs.length;
    const prev = this.stubs[i - 1]!;
    const newIn = new Channel();
    const stub = new ToxicStub(newIn, prev.output, this, this.rng);
    stub.state = toxic.impl.newState?.();
    this.stubs.push(stub);
    if (await prev.interrupt()) {
      // Items the previous stage already emitted stay in prev.output, ahead of the new stage.
      prev.output = newIn;
      stub.run(toxic, noopToxic);
      prev.run(chainBefore, noopToxic);
    } else {
      stub.output = newIn;
      stub.close();
    }
  }

  /** Restart the toxic at `index` with new attributes or toxicity. */
  async updateToxic(index: number, toxic: RunnableToxic): Promise<void> {
    const stub = this.stubs[index];
    if (stub && (await stub.interrupt())) stub.run(toxic, noopToxic);
  }

  /** Remove the toxic at `index`, moving anything queued in front of it to its output (link.go RemoveToxic). */
  async removeToxic(index: number, toxic: RunnableToxic, chainBefore: RunnableToxic): Promise<void> {
    const stub = this.stubs[index];
    const prev = this.stubs[index - 1];
    if (!stub || !prev) return;
    if (!(await stub.interrupt())) return;
    if (toxic.impl.cleanup) {
      toxic.impl.cleanup(stub);
      if (stub.closed) return;
    }
    if (!(await prev.interrupt())) {
      // The previous stage closed: flush what reached this one, then close.
      this.flush(stub);
      return;
    }
    if (this.flush(stub)) return;
    prev.output = stub.output;
    this.stubs.splice(index, 1);
    prev.run(chainBefore, noopToxic);
  }

  /** Move a stub's queued input to its output; true if that included the end marker. */
  private flush(stub: ToxicStub): boolean {
    for (let item = stub.input.tryShift(); item !== undefined; item = stub.input.tryShift()) {
      if (isEnd(item)) {
        stub.output.push(item);
        return true;
      }
      stub.output.push(item);
    }
    return false;
  }
}
