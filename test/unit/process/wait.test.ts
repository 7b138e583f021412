import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessTimeoutError } from '../../../harness/errors.js';
import { Wait } from '../../../harness/runtime/wait.js';

describe('wait strategies (real temp files and streams, no servers)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'archtdd-wait-unit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('forLogMessage matches only text after fromByte and exposes the match', async () => {
    const log = path.join(dir, 'a.log');
    await writeFile(log, 'old: ready on 1\n');
    const w = Wait.forLogMessage(log, /ready on (\d+)/, { fromByte: 16 });
    const waiting = w.waitUntil({ deadline: Date.now() + 5000, what: 'srv' });
    setTimeout(() => void appendFile(log, 'new: ready on 2\n'), 50);
    await waiting;
    expect(w.match?.[1]).toBe('2');
  });

  it('forLogMessage reads a stream', async () => {
    const s = new PassThrough();
    const w = Wait.forLogMessage(s, /up/);
    s.write('going up\n');
    await w.waitUntil({ deadline: Date.now() + 2000, what: 'srv' });
    expect(w.match?.[0]).toBe('up');
  });

  it('times out with an error naming what, the condition, the time, the last error and the log', async () => {
    const log = path.join(dir, 'b.log');
    await writeFile(log, '');
    const err = await Wait.forAll([Wait.forLogMessage(log, /never/)])
      .withDeadline(150)
      .waitUntil({ deadline: Date.now() + 10_000, what: 'redis', logFile: log })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReadinessTimeoutError);
    const e = err as ReadinessTimeoutError;
    expect(e.message).toMatch(/^redis: log message \/never\/ in .*b\.log not met after \d+ms \(last error: 0 of 1 matches so far\)/);
    expect(e.fix).toContain(log);
  });

  it('stops early when its signal aborts, with the abort reason', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('exited before ready')), 50);
    await expect(
      Wait.forLogMessage(path.join(dir, 'missing.log'), /x/).waitUntil({ deadline: Date.now() + 5000, what: 'x', signal: ac.signal }),
    ).rejects.toThrow('exited before ready');
  });
});
