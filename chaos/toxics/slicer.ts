/**
 * slicer: slices each chunk into pieces of about `average_size` ± `size_variation` bytes,
 * `delay` µs apart, to exercise partial reads (toxics/slicer.go: split in about two, recurse).
 */
import { z } from 'zod';
import { INTERRUPTED } from '../proxy/stub.js';
import { isEnd } from '../proxy/stream.js';
import { randInt, type Rng } from '../prng.js';
import { nonNegativeInt } from './attributes.js';
import { defineToxic } from './types.js';

/** Offsets [s0, e0, s1, e1, ...] slicing [start, end) into pieces of about average ± variation. */
export function sliceOffsets(rng: Rng, start: number, end: number, average: number, variation: number): number[] {
  if (end - start - average <= variation) return [start, end];
  const mid = start + Math.floor((end - start) / 2) + (randInt(rng, variation * 2) - variation);
  return [...sliceOffsets(rng, start, mid, average, variation), ...sliceOffsets(rng, mid, end, average, variation)];
}

export const slicer = defineToxic({
  type: 'slicer',
  summary: 'slices data into average_size ± size_variation byte pieces, delay µs apart',
  schema: z
    .object({
      /** bytes; must be >= 1 */
      average_size: nonNegativeInt('bytes'),
      /** bytes; must be < average_size */
      size_variation: nonNegativeInt('bytes'),
      /** µs between pieces */
      delay: nonNegativeInt('µs'),
    })
    .strict()
    .refine((a) => a.average_size >= 1, { message: 'average_size must be >= 1', path: ['average_size'] })
    .refine((a) => a.size_variation < a.average_size, {
      message: 'size_variation must be < average_size',
      path: ['size_variation'],
    }),
  async pipe(stub, { average_size, size_variation, delay }) {
    for (;;) {
      const item = await stub.recv();
      if (item === INTERRUPTED) return;
      if (isEnd(item)) return stub.close();
      const offsets = sliceOffsets(stub.rng, 0, item.data.length, average_size, size_variation);
      for (let i = 1; i < offsets.length; i += 2) {
        stub.send({ data: item.data.subarray(offsets[i - 1]!, offsets[i]!), ts: item.ts });
        if (i + 1 < offsets.length && (await stub.sleep(delay / 1000))) {
          stub.send({ data: item.data.subarray(offsets[i]!), ts: item.ts });
          return;
        }
      }
    }
  },
});
