/**
 * The data that flows through a link: chunks read from a socket, and one end marker.
 * A Channel is an unbounded FIFO between two stages of a toxic chain (Toxiproxy's Go
 * channels); flow control is done once per link, by byte count (see link.ts).
 */

export interface Chunk {
  data: Buffer;
  /** performance.now() when the bytes were read from the source socket (latency is measured from it) */
  ts: number;
}

/**
 * How a link ends:
 *   eof    the source half-closed (FIN): forward a FIN, keep the other direction open
 *   close  a toxic closed the link (timeout, limit_data, slow_close): close the whole connection
 *   reset  reset_peer: abort both sockets with RST
 */
export type EndKind = 'eof' | 'close' | 'reset';

export interface End {
  end: EndKind;
}

export type Item = Chunk | End;

export function isEnd(item: Item): item is End {
  return (item as End).end !== undefined;
}

export class Channel {
  private readonly queue: Item[] = [];
  private head = 0;
  private waiter: ((item: Item) => void) | undefined;

  push(item: Item): void {
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(item);
      return;
    }
    this.queue.push(item);
  }

  /** The next item if one is queued, without waiting. */
  tryShift(): Item | undefined {
    if (this.head >= this.queue.length) return undefined;
    const item = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as Item;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return item;
  }

  /** Register the one reader waiting for the next item (only when tryShift returned nothing). */
  wait(resolve: (item: Item) => void): void {
    this.waiter = resolve;
  }

  cancelWait(): void {
    this.waiter = undefined;
  }

  get length(): number {
    return this.queue.length - this.head;
  }
}
