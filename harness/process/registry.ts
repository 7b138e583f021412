/**
 * The pid registry: every server process a run starts is recorded as one small JSON file in
 * the state dir, with its start time and its owner's pid and start time. The reaper reads
 * these after a crash (SIGKILL of the runner) to end leftovers that pdeathsig missed.
 * Owners also record their temp dirs here, so the reaper can remove them.
 *
 * State dir: $ARCHTDD_STATE_DIR, else `.archtdd/pids` under the working directory.
 */
import { mkdir, readdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';

export interface PidRecord {
  type: 'process';
  pid: number;
  /** /proc/<pid>/stat field 22 at spawn time. */
  startTime: number;
  /** Process group id if the child leads its own group (then the whole group is killed). */
  pgid?: number;
  ownerPid: number;
  ownerStartTime: number;
  name: string;
  command: string;
  recordedAt: string;
}

export interface OwnerRecord {
  type: 'owner';
  ownerPid: number;
  ownerStartTime: number;
  runId: string;
  tempDirs: string[];
  recordedAt: string;
}

export type StateRecord = PidRecord | OwnerRecord;

export function stateDir(): string {
  return process.env.ARCHTDD_STATE_DIR ?? path.resolve('.archtdd', 'pids');
}

const fileOf = (dir: string, r: StateRecord): string =>
  path.join(dir, r.type === 'process' ? `proc-${r.pid}-${r.startTime}.json` : `owner-${r.ownerPid}-${r.ownerStartTime}.json`);

let writes = 0;

/** Writes (or replaces) a record atomically. */
export async function writeRecord(record: StateRecord, dir = stateDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = fileOf(dir, record);
  // unique per write: parallel starts update the same owner record at once
  const tmp = `${file}.${process.pid}.${++writes}.tmp`;
  await writeFile(tmp, JSON.stringify(record));
  await rename(tmp, file);
  return file;
}

export async function removeRecord(record: StateRecord, dir = stateDir()): Promise<void> {
  await rm(fileOf(dir, record), { force: true });
}

/** Every readable record; unreadable or half-written files are skipped (and removed when clearly junk). */
export async function listRecords(dir = stateDir()): Promise<StateRecord[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: StateRecord[] = [];
  for (const n of names) {
    if (!n.endsWith('.json')) continue;
    try {
      const r = JSON.parse(await readFile(path.join(dir, n), 'utf8')) as StateRecord;
      if (r.type === 'process' || r.type === 'owner') out.push(r);
    } catch {
      // Written by another process right now, or junk: ignore this round.
    }
  }
  return out;
}
