/** k6 shared-iterations: `iterations` in total, taken by `vus` VUs as each becomes free, within `maxDuration`. */
import { formatDuration } from '../duration.js';
import { loopVu } from './constant-vus.js';
import { BASE_FIELDS, baseInfo, Fields, share } from './fields.js';
import type { ExecutorDefinition, ResolvedBase } from './types.js';

export interface ResolvedSharedIterations extends ResolvedBase {
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

const FIELDS = [...BASE_FIELDS, 'vus', 'iterations', 'maxDuration'];

export const sharedIterations: ExecutorDefinition<ResolvedSharedIterations> = {
  name: 'shared-iterations',
  resolve(raw, base, path, issues) {
    const f = new Fields(raw, path, issues);
    f.rejectUnknown(FIELDS);
    const vus = f.int('vus', { def: 1, min: 1, what: 'number of VUs' });
    const iterations = f.int('iterations', { def: 1, min: 1, what: 'number of iterations' });
    if (iterations < vus && f.has('iterations')) {
      f.problem('iterations', `the number of iterations (${iterations}) can't be less than the number of VUs (${vus}).`, 'Raise iterations or lower vus.');
    }
    const maxDurationMs = f.duration('maxDuration', { def: 600_000, min: 1000 });
    return { ...base, vus, iterations, maxDurationMs };
  },
  describe: (c) =>
    `${c.iterations} iterations shared among ${c.vus} VUs${baseInfo(c, `maxDuration: ${formatDuration(c.maxDurationMs)}`)}`,
  maxVUs: (c) => c.vus,
  durationMs: (c) => c.maxDurationMs,
  async run(c, rt) {
    const end = rt.startAt + c.maxDurationMs;
    let left = c.iterations;
    await Promise.all(Array.from({ length: c.vus }, () => loopVu(rt, () => rt.now() < end && left-- > 0)));
  },
  split: (c, index, count) => ({ ...c, vus: share(c.vus, index, count), iterations: share(c.iterations, index, count) }),
};
