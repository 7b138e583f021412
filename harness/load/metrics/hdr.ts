/**
 * HDR histograms (hdr-histogram-js, WebAssembly build) recording microseconds:
 * 1 µs to 1 h at 3 significant digits (0.1% resolution), constant memory per histogram.
 * WebAssembly histograms live outside the JS heap: call destroy() when done.
 */
import * as hdr from 'hdr-histogram-js';

export type Histogram = hdr.Histogram;

export const HIGHEST_US = 3_600_000_000;
let ready: Promise<void> | undefined;

/** Loads the WebAssembly module once per thread. */
export function initHdr(): Promise<void> {
  ready ??= hdr.initWebAssembly();
  return ready;
}

export function newHistogram(): Histogram {
  return hdr.build({
    useWebAssembly: true,
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

/** Record a duration given in milliseconds. */
export function recordMs(h: Histogram, ms: number): void {
  const us = Math.round(ms * 1000);
  h.recordValue(us < 0 ? 0 : us > HIGHEST_US ? HIGHEST_US : us);
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

/** A plain-JS copy (garbage collected), for reading percentiles after a run. */
export function decodeHistogram(base64: string, wasm = false): Histogram {
  return hdr.decodeFromCompressedBase64(base64, 32, wasm);
}
