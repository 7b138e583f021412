/**
 * The timeline: phases one after another (baseline -> fault -> recovery), faults applied and
 * rolled back on cue, every step recorded with timestamps. Rollback is guaranteed: each
 * applied fault is an AsyncDisposable held in a DisposableStack-like list.
 */
import { FaultError } from '../errors.js';
import type { StartedEnvironment } from '../environment/start.js';
import type { AppliedFault, FaultTarget } from '../faults/types.js';
import type { FaultRecord, PhaseRecord } from '../journal/schema.js';
import { parseDuration } from '../load/duration.js';
import type { FaultStep, PhaseSpec } from './define.js';
import { currentProfile, phaseDurationMs } from './profile.js';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export function totalDurationMs(phases: PhaseSpec[]): number {
  return phases.reduce((sum, p) => sum + (phaseDurationMs(p.duration, currentProfile()) ?? 0), 0);
}

/** Resolve a fault step's target in a started environment. A link name without "#i" matches every broker link. */
export function resolveTargets(env: StartedEnvironment, step: FaultStep): FaultTarget[] {
  if (step.fault.targetKind === 'link') {
    const links = [...env.links.entries()].filter(([n]) => n === step.target || n.startsWith(`${step.target}#`));
    if (links.length === 0) {
      throw new FaultError(`No link "${step.target}" in this environment (have: ${[...env.links.keys()].join(', ') || 'none'}).`, {
        fix: env.linkProvider ? 'Name the edge as "<service>-><dependency>".' : 'This runtime runs without proxies: link faults need the embedded proxy or TOXIPROXY_URL.',
      });
    }
    return links.map(([name, link]) => ({ kind: 'link', name, link }));
  }
  const c = env.component(step.target);
  if (!c.process) {
    throw new FaultError(`"${step.target}" has no process control on the ${env.runtime} runtime, so "${step.fault.kind}" cannot be applied.`, {
      fix: 'Process faults need the local or containers runtime.',
    });
  }
  return [{ kind: 'process', name: step.target, process: c.process }];
}

export interface TimelineResult {
  phases: PhaseRecord[];
  faults: FaultRecord[];
}

/** Runs the phases; resolves when the last phase ends. Faults are always rolled back. */
export async function runTimeline(env: StartedEnvironment, phases: PhaseSpec[], signal?: AbortSignal): Promise<TimelineResult> {
  const records: PhaseRecord[] = [];
  const faults: FaultRecord[] = [];
  let n = 0;
  for (const phase of phases) {
    const duration = phaseDurationMs(phase.duration, currentProfile()) ?? 0;
    const start = Date.now();
    const end = start + duration;
    const running = (phase.faults ?? []).map((step) => runFaultStep(env, step, start, end, `${phase.name}#${n++}`, faults, signal));
    await sleep(end - Date.now(), signal);
    await Promise.all(running);
    records.push({ phase: phase.name, start, end: Date.now() });
    if (signal?.aborted) break;
  }
  return { phases: records, faults };
}

async function runFaultStep(
  env: StartedEnvironment,
  step: FaultStep,
  phaseStart: number,
  phaseEnd: number,
  id: string,
  out: FaultRecord[],
  signal?: AbortSignal,
): Promise<void> {
  const at = phaseStart + (step.at !== undefined ? (parseDuration(step.at) ?? 0) : 0);
  const until = step.for !== undefined ? Math.min(phaseEnd, at + (parseDuration(step.for) ?? 0)) : phaseEnd;
  await sleep(at - Date.now(), signal);
  const record: FaultRecord = { id, kind: step.fault.kind, target: step.target, params: step.fault.params, observed: false };
  out.push(record);
  const applied: AppliedFault[] = [];
  try {
    for (const target of resolveTargets(env, step)) applied.push(await step.fault.apply(target));
    record.appliedAt = Date.now();
    const observations = await Promise.all(applied.map((a) => a.observe()));
    record.observed = observations.length > 0 && observations.every((o) => o.observed);
    record.observation = observations.map((o) => o.observation).join('; ');
    await sleep(until - Date.now(), signal);
  } catch (e) {
    record.observation = `not applied: ${(e as Error).message}`;
  } finally {
    for (const a of applied.reverse()) {
      try {
        await a[Symbol.asyncDispose]();
      } catch (e) {
        record.observation = `${record.observation ?? ''}; rollback failed: ${(e as Error).message}`;
      }
    }
    if (record.appliedAt) record.removedAt = Date.now();
  }
}
