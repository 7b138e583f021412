/**
 * k6 ramping-vus: the number of looping VUs moves linearly from `startVUs` through each
 * stage's `target`. A VU above the current target starts no new iteration; its running
 * one may finish within gracefulRampDown, after which it is interrupted (k6 hard-stops
 * the VU). If the target comes back above the VU first, the VU simply carries on. At the
 * scenario's end the usual gracefulStop applies to the VUs still within the target.
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
    const slots: Slot[] = [];
    const loops: Array<Promise<void>> = [];
    while (!rt.stopping.aborted && rt.now() < end) {
      const want = desired();
      for (let j = 0; j < want; j++) {
        const slot = (slots[j] ??= { vu: rt.newVu(), running: false, interrupt: new AbortController(), rampDown: undefined });
        cancelRampDown(slot);
        if (slot.running) continue;
        slot.running = true;
        // An interrupted VU's controller is spent; a fresh one for its next life.
        if (slot.interrupt.signal.aborted) slot.interrupt = new AbortController();
        loops.push(
          loopVu(rt, () => rt.now() < end && j < desired(), slot.vu, slot.interrupt.signal).finally(() => {
            slot.running = false;
            cancelRampDown(slot);
          }),
        );
      }
      rampDownAbove(slots, want, c.gracefulRampDownMs);
      await rt.waitUntil(Math.min(end, rt.now() + TICK_MS));
    }
    // VUs that left the target since the last tick still get gracefulRampDown, not gracefulStop.
    if (!rt.stopping.aborted) rampDownAbove(slots, desired(), c.gracefulRampDownMs);
    await Promise.all(loops);
  },
  split: (c, index, count) => ({ ...c, scale: { index: c.scale.index * count + index, count: c.scale.count * count } }),
};

interface Slot {
  vu: Vu;
  running: boolean;
  /** Aborts the VU's running iteration when its gracefulRampDown runs out. */
  interrupt: AbortController;
  /** Pending while the VU is above the target and its iteration may still finish. */
  rampDown: NodeJS.Timeout | undefined;
}

/** Starts the gracefulRampDown clock of every running VU at or above index `want`. */
function rampDownAbove(slots: Slot[], want: number, graceMs: number): void {
  for (let j = want; j < slots.length; j++) {
    const slot = slots[j]!;
    if (slot.running && !slot.rampDown && !slot.interrupt.signal.aborted) startRampDown(slot, graceMs);
  }
}

function startRampDown(slot: Slot, graceMs: number): void {
  if (graceMs === 0) return slot.interrupt.abort();
  const interrupt = slot.interrupt;
  slot.rampDown = setTimeout(() => interrupt.abort(), graceMs).unref();
}

function cancelRampDown(slot: Slot): void {
  if (slot.rampDown === undefined) return;
  clearTimeout(slot.rampDown);
  slot.rampDown = undefined;
}

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
