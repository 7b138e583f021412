/** slow_close: when the stream ends, holds the close back for `delay` ms (toxics/slow_close.go). */
import { z } from 'zod';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

export const slowClose = defineToxic({
  type: 'slow_close',
  summary: 'delays the close of the connection by delay ms',
  schema: z.object({ /** ms */ delay: nonNegativeInt('ms') }).strict(),
  async pipe(stub, { delay }) {
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) {
        if (await stub.sleep(delay)) {
          stub.close();
          return;
        }
        return stub.close();
      }
      stub.send(item);
    }
  },
});
