/**
 * reset_peer: on the first data, waits `timeout` ms and resets the connection (TCP RST, the peer
 * sees ECONNRESET); the data is dropped (toxics/reset_peer.go). Toxiproxy sets SO_LINGER 0 only on
 * links that start with the toxic present; here the close is a real RST however the toxic was added.
 */
import { z } from 'zod';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

export const resetPeer = defineToxic({
  type: 'reset_peer',
  summary: 'resets the connection (RST) timeout ms after the first data',
  schema: z.object({ /** ms */ timeout: nonNegativeInt('ms') }).strict(),
  async pipe(stub, { timeout }) {
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) return stub.close();
      stub.drop(item.data.length);
      if (await stub.sleep(timeout)) return;
      return stub.close('reset');
    }
  },
});
