/** limit_data: passes `bytes` bytes, then closes the connection (toxics/limit_data.go; the count survives interrupts). */
import { z } from 'zod';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

interface LimitState {
  sent: number;
}

export const limitData = defineToxic({
  type: 'limit_data',
  summary: 'closes the connection after bytes bytes',
  schema: z.object({ /** bytes */ bytes: nonNegativeInt('bytes') }).strict(),
  newState: (): LimitState => ({ sent: 0 }),
  async pipe(stub, { bytes }) {
    const state = stub.state as LimitState;
    if (state.sent >= bytes) return stub.close('close');
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) return stub.close();
      const remaining = bytes - state.sent;
      let data = item.data;
      if (data.length > remaining) {
        stub.drop(data.length - remaining);
        data = data.subarray(0, remaining);
      }
      if (data.length > 0) {
        stub.send({ data, ts: item.ts });
        state.sent += data.length;
      }
      if (state.sent >= bytes) return stub.close('close');
    }
  },
});
