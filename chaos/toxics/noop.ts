/** The hidden first stage of every chain, and what a toxic runs as when toxicity says "not this connection". */
import { z } from 'zod';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { defineToxic } from './types.js';

export const noop = defineToxic({
  type: 'noop',
  summary: 'passes data through unchanged',
  schema: z.object({}).strict(),
  async pipe(stub) {
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) return stub.close();
      stub.send(item);
    }
  },
});
