import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOwner } from '../../../harness/runtime/owner.js';

describe('owner (real temp dirs, no servers)', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'archtdd-owner-unit-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });
  const make = () => createOwner({ logDir: path.join(base, 'logs'), stateDir: path.join(base, 'state'), skipReap: true });

  it('runs cleanups last-in first-out, each once, even when disposed twice', async () => {
    const owner = await make();
    const order: string[] = [];
    owner.defer('a', () => void order.push('a'));
    owner.defer('b', async () => void order.push('b'));
    await owner.dispose();
    await owner.dispose();
    expect(order).toEqual(['b', 'a']);
    expect(() => owner.defer('late', () => undefined)).toThrow(/already disposed/);
  });

  it('collects every failing cleanup into one AggregateError and still runs the rest', async () => {
    const owner = await make();
    const ran: string[] = [];
    owner.defer('first', () => void ran.push('first'));
    owner.defer('bad1', () => {
      throw new Error('boom1');
    });
    owner.defer('bad2', async () => {
      throw new Error('boom2');
    });
    const err = await owner.dispose().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregateError);
    expect((err as AggregateError).errors.map((e: Error) => e.message)).toEqual([
      'cleanup "bad2" failed: boom2',
      'cleanup "bad1" failed: boom1',
    ]);
    expect(ran).toEqual(['first']);
  });

  it('makes private (0700) and shared (0755) temp dirs and removes them on dispose', async () => {
    const owner = await make();
    const priv = await owner.tempDir('p');
    const shared = await owner.tempDir('s', { shared: true });
    expect(statSync(priv).mode & 0o777).toBe(0o700);
    expect(statSync(shared).mode & 0o777).toBe(0o755);
    expect(owner.logDir).toBe(path.join(base, 'logs'));
    await owner[Symbol.asyncDispose]();
    expect(existsSync(priv)).toBe(false);
    expect(existsSync(shared)).toBe(false);
  });
});
