/**
 * Ctrl-C during `archtdd run`: the whole process group gets SIGINT, as from a terminal. Every
 * server the run started must be gone and its temp dirs removed, without waiting for a reaper.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { OwnerRecord, PidRecord } from '../../../harness/process/registry.js';

const dir = await mkdtemp(path.join(tmpdir(), 'archtdd-ctrlc-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie is gone for our purposes
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Process group id from /proc/<pid>/stat (field 5), or -1. */
const pgrp = (pid: number): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[2]);
  } catch {
    return -1;
  }
};

async function records(stateDir: string): Promise<{ procs: PidRecord[]; owners: OwnerRecord[] }> {
  const procs: PidRecord[] = [];
  const owners: OwnerRecord[] = [];
  for (const f of await readdir(stateDir).catch(() => [])) {
    if (!f.endsWith('.json')) continue;
    const r = JSON.parse(await readFile(path.join(stateDir, f), 'utf8').catch(() => '{}')) as PidRecord | OwnerRecord;
    if (r.type === 'process') procs.push(r);
    if (r.type === 'owner') owners.push(r);
  }
  return { procs, owners };
}

describe('Ctrl-C during archtdd run', () => {
  it('stops every server of the run and removes its temp dirs', async () => {
    const stateDir = path.join(dir, 'state');
    const child = execa('node', ['bin/archtdd.mjs', 'run', 'catalog-steady', '--report-dir', path.join(dir, 'out')], {
      env: { ARCHTDD_STATE_DIR: stateDir },
      detached: true, // its own process group, like a terminal's foreground job
      reject: false,
      stdio: 'ignore',
    });
    // wait until redis, postgres, prometheus and the catalog service are recorded
    let seen: PidRecord[] = [];
    let tempDirs: string[] = [];
    for (let i = 0; i < 240 && seen.length < 4; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const r = await records(stateDir);
      seen = r.procs;
      tempDirs = r.owners.flatMap((o) => o.tempDirs);
    }
    expect(seen.map((p) => p.name).sort()).toEqual(expect.arrayContaining(['catalog', 'postgres', 'prometheus', 'redis']));
    await new Promise((r) => setTimeout(r, 1500));
    tempDirs = (await records(stateDir)).owners.flatMap((o) => o.tempDirs);
    expect(tempDirs.length).toBeGreaterThan(0);
    process.kill(-child.pid!, 'SIGINT');
    const result = await child;
    expect(result.exitCode === null || result.exitCode !== 0).toBe(true);
    for (let i = 0; i < 40 && seen.some((p) => alive(p.pid)); i++) await new Promise((r) => setTimeout(r, 250));
    expect(seen.filter((p) => alive(p.pid)).map((p) => `${p.name} ${p.pid}`)).toEqual([]);
    expect(tempDirs.filter((d) => existsSync(d))).toEqual([]);
    // and no process of the run (the CLI, vitest, its workers) lives on, orphaned
    const group = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p) && alive(Number(p)) && pgrp(Number(p)) === child.pid);
    // empty on two looks 500 ms apart (a process may still be on its way out at the first one), within 15 s
    for (let i = 0, empties = 0; i < 30 && empties < 2; i++) {
      empties = group().length === 0 ? empties + 1 : 0;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(group().map((p) => `${p} ${readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ').slice(0, 80)}`)).toEqual([]);
  });
});
