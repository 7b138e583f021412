/**
 * MariaDB as a local process: mariadb-install-db into a private dir (from a cached template after
 * the first start, see harness/process/template.ts), then mariadbd on a free port.
 */
import path from 'node:path';
import { userInfo } from 'node:os';
import { initFromTemplate, runOnce, templateKey } from '../../harness/process/index.js';
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import { LOOPBACK, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { loopbackEndpoint, serverLogFile, startLocalServer } from '../local-server.js';
import type { MariaDbServer } from './index.js';
import { MARIADB_USER, type StartedMariaDbServer } from './types.js';

export async function startMariaDbLocal(c: MariaDbServer, ctx: StartContext): Promise<StartedMariaDbServer> {
  const [installDb, mariadbd] = await Promise.all([resolveBinary('mariadb-install-db'), resolveBinary('mariadbd')]);
  const version = binaryVersion('mariadbd', ['--version'], /Ver (\d+\.\d+\.\d+)/);
  const endpoint = await loopbackEndpoint(ctx);
  const dir = await ctx.owner.tempDir(c.name);
  const logFile = serverLogFile(ctx, c.name);
  const dataDir = path.join(dir, 'data');
  const osUser = userInfo().username;

  const installArgs = ['--no-defaults', `--user=${osUser}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'];
  await initFromTemplate(templateKey('mariadb', [await version, installDb, installArgs]), dataDir, (target) =>
    runOnce({
      name: `${c.name} install-db`,
      command: installDb,
      args: [...installArgs.slice(0, 1), `--datadir=${target}`, ...installArgs.slice(1)],
      logFile,
      cwd: dir,
      timeoutMs: Math.max(1000, ctx.deadline - Date.now()),
    }),
  );

  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${path.join(dir, 's.sock')}`,
    `--pid-file=${path.join(dir, 'm.pid')}`,
    `--port=${endpoint.port}`,
    `--bind-address=${LOOPBACK}`,
    `--user=${osUser}`,
    '--skip-name-resolve',
    '--skip-log-bin',
    '--innodb-buffer-pool-size=32M',
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    '--performance-schema=OFF',
    ...c.args,
  ];
  return startLocalServer(
    c,
    ctx,
    {
      spawn: { name: c.name, command: mariadbd, args, logFile, cwd: dir },
      readiness: ({ fromByte }) =>
        Wait.forAll([Wait.forLogMessage(logFile, /ready for connections/, { fromByte }), Wait.forTcp(endpoint)]),
    },
    { version, endpoint, url: (e) => new URL(`mysql://${MARIADB_USER}@${e.host}:${e.port}/`).href, dataDir: dir },
  );
}
