/**
 * The reaper: on the next start, end what a dead run left behind.
 *
 * A recorded process is killed only when BOTH hold:
 *   - its owner is dead (no live process with the owner's pid AND the owner's start time), and
 *   - the recorded pid is still live with the SAME start time (so a recycled pid is never killed).
 * Zombies count as gone (PID 1 here is not an init and may never reap them).
 * Temp dirs recorded by a dead owner are removed.
 */
import { rm } from 'node:fs/promises';
import { isLive, readStat, type ProcStat } from './procfs.js';
import { listRecords, removeRecord, stateDir, type PidRecord, type StateRecord } from './registry.js';

export type ReapAction = 'keep' | 'kill' | 'forget' | 'clean';

export interface ReapDecision {
  record: StateRecord;
  action: ReapAction;
  reason: string;
}

/** A view of the process table: real /proc in production, fake data in unit tests. */
export type ProcView = (pid: number) => ProcStat | undefined;

/** Pure decision for one record. */
export function decide(record: StateRecord, proc: ProcView): ReapDecision {
  const owner = proc(record.ownerPid);
  if (isLive(owner) && owner.startTime === record.ownerStartTime) {
    return { record, action: 'keep', reason: `owner ${record.ownerPid} is alive` };
  }
  if (record.type === 'owner') {
    return { record, action: 'clean', reason: `owner ${record.ownerPid} is gone: remove its temp dirs` };
  }
  const child = proc(record.pid);
  if (!isLive(child)) {
    return { record, action: 'forget', reason: `pid ${record.pid} is gone${child ? ' (zombie)' : ''}` };
  }
  if (child.startTime !== record.startTime) {
    return {
      record,
      action: 'forget',
      reason: `pid ${record.pid} was recycled (start time ${child.startTime}, recorded ${record.startTime})`,
    };
  }
  return { record, action: 'kill', reason: `owner ${record.ownerPid} is gone and pid ${record.pid} (${record.name}) still runs` };
}

export interface ReapOptions {
  dir?: string;
  procRoot?: string;
  /** Injected for tests; default process.kill. */
  kill?: (pid: number, signal: NodeJS.Signals) => void;
}

/** Snapshot of /proc for the pids the records name. */
async function snapshot(records: StateRecord[], procRoot: string): Promise<Map<number, ProcStat | undefined>> {
  const pids = new Set<number>();
  for (const r of records) {
    pids.add(r.ownerPid);
    if (r.type === 'process') pids.add(r.pid);
  }
  const snap = new Map<number, ProcStat | undefined>();
  await Promise.all([...pids].map(async (p) => snap.set(p, await readStat(p, procRoot))));
  return snap;
}

function killRecord(r: PidRecord, kill: (pid: number, signal: NodeJS.Signals) => void): void {
  try {
    // A group leader: end its children too (e.g. PostgreSQL backends).
    if (r.pgid === r.pid) kill(-r.pid, 'SIGKILL');
    else kill(r.pid, 'SIGKILL');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** Applies every decision; returns them so callers can log what was done. */
export async function reapLeftovers(options: ReapOptions = {}): Promise<ReapDecision[]> {
  const dir = options.dir ?? stateDir();
  const procRoot = options.procRoot ?? '/proc';
  const kill = options.kill ?? ((pid, sig) => process.kill(pid, sig));
  const records = await listRecords(dir);
  if (records.length === 0) return [];
  const snap = await snapshot(records, procRoot);
  const decisions = records.map((r) => decide(r, (pid) => snap.get(pid)));
  for (const d of decisions) {
    if (d.action === 'keep') continue;
    if (d.action === 'kill') killRecord(d.record as PidRecord, kill);
    if (d.action === 'clean') {
      for (const t of (d.record as { tempDirs: string[] }).tempDirs) await rm(t, { recursive: true, force: true });
    }
    await removeRecord(d.record, dir);
  }
  return decisions;
}
