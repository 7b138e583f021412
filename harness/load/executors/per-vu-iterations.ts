/** k6 per-vu-iterations: each of `vus` VUs runs `iterations` iterations, within `maxDuration`. */
import { formatDuration } from '../duration.js';
import { loopVu } from './constant-vus.js';
import { BASE_FIELDS, baseInfo, Fields, share } from './fields.js';
import type { ExecutorDefinition, ResolvedBase } from './types.js';

export interface ResolvedPerVuIterations extends ResolvedBase {
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

const FIELDS = [...BASE_FIELDS, 'vus', 'iterations', 'maxDuration'];

export const perVuIterations: ExecutorDefinition<ResolvedPerVuIterations> = {
  name: 'per-vu-iterations',
  resolve(raw, base, path, issues) {
    const f = new Fields(raw, path, issues);
    f.rejectUnknown(FIELDS);
    const vus = f.int('vus', { def: 1, min: 1, what: 'number of VUs' });
    const iterations = f.int('iterations', { def: 1, min: 1, what: 'number of iterations' });
    const maxDurationMs = f.duration('maxDuration', { def: 600_000, min: 1000 });
    return { ...base, vus, iterations, maxDurationMs };
  },
  describe: (c) =>
    `${c.iterations} iterations for each of ${c.vus} VUs${baseInfo(c, `maxDuration: ${formatDuration(c.maxDurationMs)}`)}`,
  maxVUs: (c) => c.vus,
  durationMs: (c) => c.maxDurationMs,
  async run(c, rt) {
    const end = rt.startAt + c.maxDurationMs;
    await Promise.all(
      Array.from({ length: c.vus }, () => {
        let left = c.iterations;
        return loopVu(rt, () => rt.now() < end && left-- > 0);
      }),
    );
  },
  split: (c, index, count) => ({ ...c, vus: share(c.vus, index, count) }),
};
