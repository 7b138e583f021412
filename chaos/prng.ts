/**
 * A seedable PRNG (mulberry32) for every random choice the proxy makes: jitter, toxicity,
 * slicer sizes. The same seed and the same traffic give the same choices, so `--seed` reruns
 * are reproducible.
 */
import type { Rng } from '../harness/stats/prng.js';

export { mulberry32, type Rng } from '../harness/stats/prng.js';

/** FNV-1a of a string: derives independent streams per proxy from one server seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An integer in [0, n) (n > 0); 0 when n <= 0, where Go's rand.Intn would panic. */
export function randInt(rng: Rng, n: number): number {
  return n > 0 ? Math.floor(rng() * n) : 0;
}

/** A fresh random seed, for when the user gave none (printed so the run can be repeated). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
