import { describe, expect, it } from 'vitest';
import { Channel, isEnd } from '../../../chaos/proxy/stream.js';

describe('Channel (the FIFO between toxic stages)', () => {
  it('keeps order, hands an item straight to a waiting reader, and reports its length', () => {
    const c = new Channel();
    const chunk = (n: number) => ({ data: Buffer.alloc(n), ts: 0 });
    c.push(chunk(1));
    c.push(chunk(2));
    expect(c.length).toBe(2);
    expect((c.tryShift() as { data: Buffer }).data.length).toBe(1);
    expect((c.tryShift() as { data: Buffer }).data.length).toBe(2);
    expect(c.tryShift()).toBeUndefined();
    const got: unknown[] = [];
    c.wait((it) => got.push(it));
    c.push({ end: 'eof' });
    expect(got).toHaveLength(1);
    expect(isEnd(got[0] as never)).toBe(true);
    expect(c.length).toBe(0);
  });

  it('a cancelled wait does not swallow the next item', () => {
    const c = new Channel();
    const got: unknown[] = [];
    c.wait((it) => got.push(it));
    c.cancelWait();
    c.push({ end: 'close' });
    expect(got).toEqual([]);
    expect(c.tryShift()).toEqual({ end: 'close' });
  });

  it('compacts after many items without losing any', () => {
    const c = new Channel();
    for (let i = 0; i < 5000; i++) c.push({ data: Buffer.from([i & 0xff]), ts: i });
    for (let i = 0; i < 5000; i++) expect((c.tryShift() as { ts: number }).ts).toBe(i);
    expect(c.length).toBe(0);
  });
});
