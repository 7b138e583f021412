/**
 * bandwidth: limits the stream to `rate` KB/s (1 KB = 1000 bytes, as Toxiproxy), sending large
 * chunks in 100 ms slices; sleep error is carried over so the mean rate holds (toxics/bandwidth.go).
 */
import { z } from 'zod';
import { performance } from 'node:perf_hooks';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

export const bandwidth = defineToxic({
  type: 'bandwidth',
  summary: 'limits throughput to rate KB/s',
  schema: z.object({ /** KB/s; 0 = unlimited */ rate: nonNegativeInt('KB/s') }).strict(),
  async pipe(stub, { rate }) {
    let sleep = 0; // ms owed
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) return stub.close();
      if (rate <= 0) {
        stub.send(item);
        continue;
      }
      sleep += item.data.length / rate;
      const slice = rate * 100; // bytes per 100 ms
      let data = item.data;
      while (data.length > slice) {
        // Unlike Go's fixed 100 ms, the time actually slept is charged, so late timers do not lower the rate.
        const sliceStart = performance.now();
        if (await stub.sleepUntil(sliceStart + 100)) {
          stub.send({ data, ts: item.ts });
          return;
        }
        stub.send({ data: data.subarray(0, slice), ts: item.ts });
        data = data.subarray(slice);
        sleep -= performance.now() - sliceStart;
      }
      const start = performance.now();
      const interrupted = await stub.sleepUntil(start + sleep);
      sleep -= performance.now() - start;
      stub.send({ data, ts: item.ts });
      if (interrupted) return;
    }
  },
});
