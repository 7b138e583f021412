/**
 * latency: delays every chunk by `latency` ± `jitter` ms, measured from when the proxy read it
 * (so back-to-back chunks do not add up their delays; Toxiproxy's toxics/latency.go).
 */
import { z } from 'zod';
import { performance } from 'node:perf_hooks';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { randInt } from '../prng.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

export const latency = defineToxic({
  type: 'latency',
  summary: 'adds latency ± jitter (ms) to each chunk',
  schema: z
    .object({
      /** ms */
      latency: nonNegativeInt('ms'),
      /** ms, uniform in [-jitter, +jitter) */
      jitter: nonNegativeInt('ms'),
    })
    .strict(),
  async pipe(stub, { latency: ms, jitter }) {
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) return stub.close();
      const delay = ms + (jitter > 0 ? randInt(stub.rng, jitter * 2) - jitter : 0);
      const target = item.ts + delay;
      if (target > performance.now()) {
        const interrupted = await stub.sleepUntil(target, true);
        stub.send(item); // on interrupt too: never drop data
        if (interrupted) return;
        item.ts = target;
      } else {
        stub.send(item);
      }
    }
  },
});
