import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MissingBinaryError } from '../../../harness/errors.js';
import { resolveBinary } from '../../../harness/runtime/binaries.js';
import { freePorts } from '../../../harness/runtime/ports.js';
import { wrapperArgs } from '../../../harness/process/spawn.js';

describe('binaries (real file system, no servers)', () => {
  let empty: string;
  beforeAll(async () => {
    empty = await mkdtemp(path.join(tmpdir(), 'archtdd-bin-unit-'));
  });
  afterAll(async () => {
    await rm(empty, { recursive: true, force: true });
  });

  it.each([
    ['redis-server', 'redis-server'],
    ['initdb', 'postgresql'],
    ['mariadbd', 'mariadb-server'],
    ['prometheus', 'prometheus'],
    ['kcat', 'kcat'],
  ])('a missing %s names the Debian package %s', async (binary, pkg) => {
    const err = await resolveBinary(binary, { searchDirs: [empty] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingBinaryError);
    expect((err as MissingBinaryError).message).toContain(`"${binary}" was not found`);
    expect((err as MissingBinaryError).fix).toContain(`apt-get install -y ${pkg}`);
    expect((err as MissingBinaryError).exitCode).toBe(2);
  });

  it('finds a binary on the given dirs', async () => {
    expect(await resolveBinary('sh', { searchDirs: ['/bin', '/usr/bin'] })).toMatch(/\/sh$/);
  });
});

describe('ports and the process wrapper (no servers)', () => {
  it('hands out distinct free ports, never the same twice in one process', async () => {
    const a = await freePorts(['x', 'y', 'z']);
    const b = await freePorts(['x', 'y', 'z']);
    const all = [...Object.values(a), ...Object.values(b)];
    expect(new Set(all).size).toBe(6);
    for (const p of all) expect(p).toBeGreaterThan(0);
  });

  it('wraps every server in setpriv --pdeathsig TERM, with --reuid/--regid/--init-groups for another user', () => {
    expect(wrapperArgs({ command: '/bin/x', args: ['-a'] })).toEqual(['--pdeathsig', 'TERM', '--', '/bin/x', '-a']);
    expect(wrapperArgs({ command: '/bin/pg', args: [], user: 'postgres' })).toEqual([
      '--pdeathsig',
      'TERM',
      '--reuid=postgres',
      '--regid=postgres',
      '--init-groups',
      '--',
      '/bin/pg',
    ]);
  });
});
