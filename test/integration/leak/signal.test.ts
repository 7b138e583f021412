import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLive, readStat } from '../../../harness/process/procfs.js';

const fixture = fileURLToPath(new URL('./fixtures/signal-cleanup.ts', import.meta.url));

describe('installSignalCleanup', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'archtdd-signal-test-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s stops the servers, removes temp dirs and exits %i', async (signal, code) => {
    const child = execa(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, ARCHTDD_STATE_DIR: path.join(base, `state-${signal}`), LEAK_LOG_DIR: path.join(base, 'logs') },
      reject: false,
      buffer: false,
      stdin: 'ignore',
      stderr: 'inherit',
    });
    const out = await new Promise<{ pid: number; tempDirs: string[] }>((resolve, reject) => {
      let text = '';
      child.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        const line = text.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as { pid: number; tempDirs: string[] });
      });
      void child.then((r) => reject(new Error(`fixture exited early: ${r.exitCode}`)));
    });
    expect(isLive(await readStat(out.pid))).toBe(true);
    child.kill(signal);
    const r = await child;
    expect(r.exitCode).toBe(code);
    expect(isLive(await readStat(out.pid))).toBe(false);
    expect(out.tempDirs.length).toBe(1);
    for (const d of out.tempDirs) expect(existsSync(d)).toBe(false);
  });
});
