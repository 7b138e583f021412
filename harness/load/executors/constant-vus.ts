/** k6 constant-vus: `vus` VUs loop over the target for `duration` (closed model). */
import { formatDuration } from '../duration.js';
import { BASE_FIELDS, baseInfo, Fields, share } from './fields.js';
import type { ExecutorDefinition, ExecutorRuntime, ResolvedBase } from './types.js';

export interface ResolvedConstantVus extends ResolvedBase {
  vus: number;
  durationMs: number;
}

const FIELDS = [...BASE_FIELDS, 'vus', 'duration'];

export const constantVus: ExecutorDefinition<ResolvedConstantVus> = {
  name: 'constant-vus',
  resolve(raw, base, path, issues) {
    const f = new Fields(raw, path, issues);
    f.rejectUnknown(FIELDS);
    const vus = f.int('vus', { def: 1, min: 1, what: 'number of VUs' });
    const durationMs = f.duration('duration', { required: 'the duration is unspecified', min: 1000 });
    return { ...base, vus, durationMs };
  },
  describe: (c) => `${c.vus} looping VUs for ${formatDuration(c.durationMs)}${baseInfo(c)}`,
  maxVUs: (c) => c.vus,
  durationMs: (c) => c.durationMs,
  async run(c, rt) {
    const end = rt.startAt + c.durationMs;
    await Promise.all(Array.from({ length: c.vus }, () => loopVu(rt, () => rt.now() < end)));
  },
  split: (c, index, count) => ({ ...c, vus: share(c.vus, index, count) }),
};

/**
 * One closed-model VU: start the next iteration as soon as the last one ends, while
 * `more()` and `interrupt` (which also aborts the running iteration) has not fired.
 */
export async function loopVu(rt: ExecutorRuntime, more: () => boolean, vu = rt.newVu(), interrupt?: AbortSignal): Promise<void> {
  rt.activeVus(1);
  try {
    while (!rt.stopping.aborted && !interrupt?.aborted && more()) await rt.iterate(vu, rt.now(), interrupt);
  } finally {
    rt.activeVus(-1);
  }
}
