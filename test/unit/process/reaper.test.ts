import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStat, type ProcStat } from '../../../harness/process/procfs.js';
import { decide, reapLeftovers } from '../../../harness/process/reaper.js';
import { writeRecord, type OwnerRecord, type PidRecord } from '../../../harness/process/registry.js';

/** A /proc/<pid>/stat line as the kernel writes it (fake data). */
const statLine = (pid: number, comm: string, state: string, startTime: number): string =>
  `${pid} (${comm}) ${state} 1 ${pid} ${pid} 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 ${startTime} 1000 100 ` +
  '18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n';

const proc = (pid: number, startTime: number, state = 'S'): ProcStat => ({ pid, state, ppid: 1, pgrp: pid, startTime });

const rec = (over: Partial<PidRecord> = {}): PidRecord => ({
  type: 'process',
  pid: 200,
  startTime: 5000,
  pgid: 200,
  ownerPid: 100,
  ownerStartTime: 4000,
  name: 'redis',
  command: 'redis-server',
  recordedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('parseStat (fake /proc data)', () => {
  it('reads state and start time even when the command name holds spaces and parentheses', () => {
    const s = parseStat(statLine(4242, 'evil) name (x', 'Z', 987654));
    expect(s).toEqual({ pid: 4242, state: 'Z', ppid: 1, pgrp: 4242, startTime: 987654 });
  });

  it('rejects text that is not a stat line', () => {
    expect(() => parseStat('garbage')).toThrow(/Not a \/proc\/<pid>\/stat line/);
  });
});

describe('reaper decisions (fake /proc data)', () => {
  const table = (...entries: ProcStat[]) => (pid: number) => entries.find((e) => e.pid === pid);

  it.each([
    ['owner alive with the recorded start time', table(proc(100, 4000), proc(200, 5000)), 'keep'],
    ['owner gone, child alive with the recorded start time', table(proc(200, 5000)), 'kill'],
    ['owner pid recycled (other start time), child alive', table(proc(100, 9999), proc(200, 5000)), 'kill'],
    ['owner is a zombie, child alive', table(proc(100, 4000, 'Z'), proc(200, 5000)), 'kill'],
    ['owner gone, child pid recycled (other start time)', table(proc(200, 7777)), 'forget'],
    ['owner gone, child is a zombie', table(proc(200, 5000, 'Z')), 'forget'],
    ['owner gone, child gone', table(), 'forget'],
  ] as const)('%s -> %s', (_label, view, action) => {
    expect(decide(rec(), view).action).toBe(action);
  });

  it('a dead owner record means: clean its temp dirs', () => {
    const owner: OwnerRecord = { type: 'owner', ownerPid: 100, ownerStartTime: 4000, runId: 'r', tempDirs: ['/x'], recordedAt: '' };
    expect(decide(owner, table()).action).toBe('clean');
    expect(decide(owner, table(proc(100, 4000))).action).toBe('keep');
  });
});

describe('reapLeftovers against a fake /proc directory and an injected kill', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('kills only the matching leftover (its group), forgets the recycled one, removes a dead owner temp dir', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'archtdd-reaper-unit-'));
    const fakeProc = path.join(root, 'proc');
    const state = path.join(root, 'state');
    const leftoverTemp = path.join(root, 'leftover-temp');
    await mkdir(leftoverTemp);
    for (const [pid, start] of [
      [200, 5000],
      [300, 1234],
    ] as const) {
      await mkdir(path.join(fakeProc, String(pid)), { recursive: true });
      await writeFile(path.join(fakeProc, String(pid), 'stat'), statLine(pid, 'srv', 'S', start));
    }
    await writeRecord(rec(), state); // matches: kill
    await writeRecord(rec({ pid: 300, startTime: 6000, pgid: 300 }), state); // recycled: forget
    await writeRecord({ type: 'owner', ownerPid: 100, ownerStartTime: 4000, runId: 'r', tempDirs: [leftoverTemp], recordedAt: '' }, state);

    const kills: [number, string][] = [];
    const decisions = await reapLeftovers({ dir: state, procRoot: fakeProc, kill: (pid, sig) => kills.push([pid, sig]) });

    expect(kills).toEqual([[-200, 'SIGKILL']]);
    expect(decisions.map((d) => d.action).sort()).toEqual(['clean', 'forget', 'kill']);
    expect(await readdir(state)).toEqual([]);
    await expect(readdir(leftoverTemp)).rejects.toThrow(/ENOENT/);
  });
});
