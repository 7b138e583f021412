/**
 * timeout: stops all data and closes the connection after `timeout` ms; with 0 it never closes
 * and data is dropped until the toxic is removed. Removing it closes affected connections,
 * since their data is gone (toxics/timeout.go Cleanup).
 */
import { z } from 'zod';
import { performance } from 'node:perf_hooks';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd, type Item } from '../proxy/stream.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

export const timeout = defineToxic({
  type: 'timeout',
  summary: 'drops all data and closes the connection after timeout ms (0: never closes)',
  schema: z.object({ /** ms; 0 = hold forever */ timeout: nonNegativeInt('ms') }).strict(),
  async pipe(stub, { timeout: ms }) {
    const deadline = ms > 0 ? performance.now() + ms : Infinity;
    let timer: Promise<'timeout'> | undefined;
    let cancel: (() => void) | undefined;
    if (ms > 0) {
      timer = new Promise((resolve) => {
        const t = setTimeout(() => resolve('timeout'), Math.max(0, deadline - performance.now()));
        cancel = () => clearTimeout(t);
      });
    }
    try {
      for (;;) {
        const next: Item | typeof INTERRUPTED | Promise<Item | typeof INTERRUPTED> = stub.recv();
        const item = (timer ? await Promise.race([next, timer]) : await next) as Item | typeof INTERRUPTED | 'timeout';
        if (item === 'timeout') {
          stub.interruptPendingRecv();
          return stub.close('close');
        }
        if (item === INTERRUPTED) return;
        if (isEnd(item)) return stub.close();
        stub.drop(item.data.length);
      }
    } finally {
      cancel?.();
    }
  },
  cleanup(stub) {
    stub.close('close');
  },
});
