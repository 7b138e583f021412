/** Helpers the boot benchmarks share: the summary of N timed runs and the wait for Prometheus's first sample. */
import { request } from 'undici';
import type { StartedComponent } from '../harness/runtime/types.js';

export interface Stats {
  runs: number[];
  median: number;
  min: number;
  max: number;
}

/** Median (mean of the middle two for an even count), min and max, rounded to whole ms. */
export const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { runs: xs.map(Math.round), median: Math.round(median), min: Math.round(s[0]!), max: Math.round(s.at(-1)!) };
};

/** Polls `up` until Prometheus returns at least one sample. */
export async function firstSample(prom: StartedComponent, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const r = await request(`${prom.urlFor()}/api/v1/query?query=up`);
    const body = (await r.body.json()) as { data?: { result?: unknown[] } };
    if ((body.data?.result?.length ?? 0) > 0) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('Prometheus held no sample of `up` within the deadline');
}
