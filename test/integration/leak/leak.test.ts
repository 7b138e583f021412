import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLive, parseStat } from '../../../harness/process/procfs.js';
import { reapLeftovers } from '../../../harness/process/reaper.js';
import { listRecords } from '../../../harness/process/registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Every live process whose process group is in `groups` (servers lead their own group). */
async function liveInGroups(groups: Set<number>): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = parseStat(await readFile(`/proc/${name}/stat`, 'utf8'));
      if (groups.has(s.pgrp) && isLive(s)) out.push(s.pid);
    } catch {
      // exited while we looked
    }
  }
  return out;
}

async function until(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

/** Spawns a fixture under tsx and resolves with its first JSON stdout line. */
function runFixture(file: string, env: Record<string, string>): { child: ResultPromise; first: Promise<Record<string, unknown>> } {
  const child = execa(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures', file)], {
    env: { ...process.env, ...env },
    reject: false,
    buffer: false,
    stdin: 'ignore',
    stderr: 'inherit',
  });
  const first = new Promise<Record<string, unknown>>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    void child.then((r) => reject(new Error(`fixture ${file} exited before printing (code ${r.exitCode}, signal ${r.signal})`)));
  });
  return { child, first };
}

describe('no leaks when the runner is SIGKILLed', () => {
  let base: string;
  const children: ResultPromise[] = [];

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'archtdd-leak-test-'));
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await rm(base, { recursive: true, force: true });
  });

  it('every server pid (and its process group) is gone within 5 s; the next reaper removes its temp dirs', async () => {
    const stateDir = path.join(base, 'state-all');
    const { child, first } = runFixture('start-all.ts', { ARCHTDD_STATE_DIR: stateDir, LEAK_LOG_DIR: path.join(base, 'logs') });
    children.push(child);
    const out = (await first) as { pids: Record<string, number>; tempDirs: string[] };
    const pids = Object.values(out.pids);
    expect(Object.keys(out.pids).sort()).toEqual(['kafka', 'mariadb', 'postgres', 'prometheus', 'redis']);
    expect(await liveInGroups(new Set(pids))).toEqual(expect.arrayContaining(pids));
    expect(out.tempDirs.length).toBe(5);

    child.kill('SIGKILL');
    await child;
    const gone = await until(async () => (await liveInGroups(new Set(pids))).length === 0, 5000);
    expect(gone, `still alive: ${(await liveInGroups(new Set(pids))).join(', ')}`).toBe(true);

    // The dead owner's temp dirs are still there; the reaper of the next start removes them.
    expect(out.tempDirs.every((d) => existsSync(d))).toBe(true);
    const decisions = await reapLeftovers({ dir: stateDir });
    expect(decisions.some((d) => d.action === 'clean')).toBe(true);
    expect(decisions.filter((d) => d.action === 'kill')).toEqual([]);
    for (const d of out.tempDirs) expect(existsSync(d)).toBe(false);
    expect(await listRecords(stateDir)).toEqual([]);
  });

  it('the reaper kills a leftover that ignored pdeathsig, because its owner is dead and its start time matches', async () => {
    const stateDir = path.join(base, 'state-leftover');
    const { child, first } = runFixture('leftover.ts', { ARCHTDD_STATE_DIR: stateDir, LEAK_LOG_FILE: path.join(base, 'leftover.log') });
    children.push(child);
    const { pid } = (await first) as { pid: number };
    const alive = async () => (await liveInGroups(new Set([pid]))).includes(pid);
    expect(await alive()).toBe(true);

    // While the owner lives, the reaper leaves it alone.
    expect((await reapLeftovers({ dir: stateDir })).map((d) => d.action)).toEqual(['keep']);

    child.kill('SIGKILL');
    await child;
    await new Promise((r) => setTimeout(r, 500));
    expect(await alive()).toBe(true); // pdeathsig's TERM was ignored: a real leftover

    const decisions = await reapLeftovers({ dir: stateDir });
    expect(decisions.map((d) => [d.action, (d.record as { pid?: number }).pid])).toEqual([['kill', pid]]);
    expect(await until(async () => !(await alive()), 2000)).toBe(true);
    expect(await listRecords(stateDir)).toEqual([]);
  });
});
