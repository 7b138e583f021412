/**
 * k6 ramping-vus: the number of looping VUs moves linearly from `startVUs` through each
 * stage's `target`. A VU above the current target stops at its next iteration boundary.
 */
import { formatDuration } from '../duration.js';
import { loopVu } from './constant-vus.js';
import { BASE_FIELDS, baseInfo, Fields, share } from './fields.js';
import type { ExecutorDefinition, ResolvedBase, Vu } from './types.js';

export interface ResolvedRampingVus extends ResolvedBase {
  startVUs: number;
  stages: Array<{ durationMs: number; target: number }>;
  gracefulRampDownMs: number;
  /** Worker share as a fraction of every target. */
  scale: { index: number; count: number };
}

const FIELDS = [...BASE_FIELDS, 'startVUs', 'stages', 'gracefulRampDown'];
const TICK_MS = 10;

export const rampingVus: ExecutorDefinition<ResolvedRampingVus> = {
  name: 'ramping-vus',
  resolve(raw, base, path, issues) {
    const f = new Fields(raw, path, issues);
    f.rejectUnknown(FIELDS);
    const startVUs = f.int('startVUs', { def: 1, min: 0, what: 'number of startVUs' });
    const stages = f.stages();
    for (const [i, s] of stages.entries()) {
      if (!Number.isInteger(s.target)) f.problem(`stages[${i}].target`, `the target for stage ${i} must be a whole number of VUs, but is ${s.target}.`, 'Round it.');
    }
    if (startVUs === 0 && stages.length > 0 && stages.every((s) => s.target === 0)) {
      f.problem('stages', "either startVUs or one of the stages' target value must be greater than 0.", 'Raise startVUs or a stage target.');
    }
    const gracefulRampDownMs = f.duration('gracefulRampDown', { def: 30_000, min: 0 });
    return { ...base, startVUs, stages, gracefulRampDownMs, scale: { index: 0, count: 1 } };
  },
  describe(c) {
    const total = c.stages.reduce((s, x) => s + x.durationMs, 0);
    return `Up to ${maxTarget(c)} looping VUs for ${formatDuration(total)} over ${c.stages.length} stages${baseInfo(c, `gracefulRampDown: ${formatDuration(c.gracefulRampDownMs)}`)}`;
  },
  maxVUs: (c) => scaled(c, maxTarget(c)),
  durationMs: (c) => c.stages.reduce((s, x) => s + x.durationMs, 0),
  async run(c, rt) {
    const total = c.stages.reduce((s, x) => s + x.durationMs, 0);
    const end = rt.startAt + total;
    const desired = (): number => scaled(c, Math.round(vusAt(c.startVUs, c.stages, rt.now() - rt.startAt)));
    const slots: Array<{ vu: Vu; running: boolean }> = [];
    const loops: Array<Promise<void>> = [];
    while (!rt.stopping.aborted && rt.now() < end) {
      const want = desired();
      for (let j = 0; j < want; j++) {
        const slot = (slots[j] ??= { vu: rt.newVu(), running: false });
        if (slot.running) continue;
        slot.running = true;
        loops.push(
          loopVu(rt, () => rt.now() < end && j < desired(), slot.vu).finally(() => {
            slot.running = false;
          }),
        );
      }
      await rt.waitUntil(Math.min(end, rt.now() + TICK_MS));
    }
    await Promise.all(loops);
  },
  split: (c, index, count) => ({ ...c, scale: { index: c.scale.index * count + index, count: c.scale.count * count } }),
};

function maxTarget(c: ResolvedRampingVus): number {
  return Math.max(c.startVUs, ...c.stages.map((s) => s.target));
}

function scaled(c: ResolvedRampingVus, n: number): number {
  return share(n, c.scale.index, c.scale.count);
}

/** Linear interpolation of the VU count at `t` ms after the start. */
export function vusAt(start: number, stages: Array<{ durationMs: number; target: number }>, t: number): number {
  let from = start;
  let offset = 0;
  for (const s of stages) {
    if (t < offset + s.durationMs) return from + ((s.target - from) * (t - offset)) / s.durationMs;
    offset += s.durationMs;
    from = s.target;
  }
  return from;
}
