/**
 * Reading /proc/<pid>/stat: enough to tell a live process from a zombie or a recycled pid.
 * `procRoot` is a parameter so unit tests can point it at fake /proc data.
 */
import { readFile } from 'node:fs/promises';

export interface ProcStat {
  pid: number;
  /** R, S, D, T, t, Z (zombie), X (dead), ... */
  state: string;
  ppid: number;
  pgrp: number;
  /** Field 22: start time in clock ticks since boot. With the pid it names one process for the machine's uptime. */
  startTime: number;
}

/** Parses one /proc/<pid>/stat line. The comm field may hold spaces and parentheses: split after the LAST ')'. */
export function parseStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`Not a /proc/<pid>/stat line: ${JSON.stringify(text.slice(0, 80))}`);
  const pid = Number(text.slice(0, open).trim());
  // After ") ": field 3 (state) is rest[0], so field N is rest[N - 3].
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const field = (n: number): string => {
    const v = rest[n - 3];
    if (v === undefined) throw new Error(`/proc/${pid}/stat has no field ${n}`);
    return v;
  };
  return {
    pid,
    state: field(3),
    ppid: Number(field(4)),
    pgrp: Number(field(5)),
    startTime: Number(field(22)),
  };
}

/** The stat of a pid, or undefined when no such process exists. */
export async function readStat(pid: number, procRoot = '/proc'): Promise<ProcStat | undefined> {
  try {
    return parseStat(await readFile(`${procRoot}/${pid}/stat`, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
    throw e;
  }
}

/** A zombie (Z) or dead (X) entry holds no resources but its pid: it counts as gone. */
export function isLive(stat: ProcStat | undefined): stat is ProcStat {
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** True when `pid` is a live process that started at `startTime` (so not a recycled pid). */
export async function isSameLiveProcess(pid: number, startTime: number, procRoot = '/proc'): Promise<boolean> {
  const stat = await readStat(pid, procRoot);
  return isLive(stat) && stat.startTime === startTime;
}

/** This process's own start time, so records can name the owner unambiguously. */
let ownStart: number | undefined;
export async function ownStartTime(): Promise<number> {
  ownStart ??= (await readStat(process.pid))!.startTime;
  return ownStart;
}
