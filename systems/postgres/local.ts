/**
 * PostgreSQL as a local process. It refuses to run as root, so as root both initdb and
 * postgres run as user postgres (setpriv --reuid, never runuser: runuser does not forward
 * SIGINT and orphans the postmaster); the private dir is shared (0755) and chowned to postgres.
 * SIGINT = fast shutdown. The initialised data dir comes from a cached template after the
 * first start (see harness/process/template.ts).
 */
import { chown } from 'node:fs/promises';
import path from 'node:path';
import { initFromTemplate, isRoot, runOnce, templateKey, userIds } from '../../harness/process/index.js';
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import { LOOPBACK, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { loopbackEndpoint, serverLogFile, startLocalServer } from '../local-server.js';
import type { PostgresServer } from './index.js';
import { POSTGRES_DATABASE, POSTGRES_USER, type StartedPostgresServer } from './types.js';

export async function startPostgresLocal(c: PostgresServer, ctx: StartContext): Promise<StartedPostgresServer> {
  const [initdb, postgres] = await Promise.all([resolveBinary('initdb'), resolveBinary('postgres')]);
  const version = binaryVersion('postgres', ['--version'], /\(PostgreSQL\) (\S+)/);
  const endpoint = await loopbackEndpoint(ctx);
  const dir = await ctx.owner.tempDir(c.name, { shared: true });
  const user = isRoot() ? 'postgres' : undefined;
  if (user) {
    const ids = await userIds(user);
    await chown(dir, ids.uid, ids.gid);
  }
  const logFile = serverLogFile(ctx, c.name);
  const dataDir = path.join(dir, 'data');

  const initArgs = ['-U', POSTGRES_USER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
  await initFromTemplate(templateKey('postgres', [await version, initdb, initArgs, user]), dataDir, (target) =>
    runOnce({
      name: `${c.name} initdb`,
      command: initdb,
      args: ['-D', target, ...initArgs],
      logFile,
      cwd: dir,
      user,
      timeoutMs: Math.max(1000, ctx.deadline - Date.now()),
    }),
  );

  const settings = Object.entries({ listen_addresses: LOOPBACK, ...c.settings }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  return startLocalServer(
    c,
    ctx,
    {
      spawn: {
        name: c.name,
        command: postgres,
        args: ['-D', dataDir, '-p', String(endpoint.port), '-k', dir, ...settings],
        logFile,
        cwd: dir,
        user,
      },
      // TCP alone is not enough: during startup/recovery it accepts and then refuses with "starting up".
      readiness: ({ fromByte }) =>
        Wait.forAll([
          Wait.forLogMessage(logFile, /database system is ready to accept connections/, { fromByte }),
          Wait.forTcp(endpoint),
        ]),
      stopSignal: 'SIGINT',
    },
    {
      version,
      endpoint,
      url: (e) => new URL(`postgres://${POSTGRES_USER}@${e.host}:${e.port}/${POSTGRES_DATABASE}`).href,
      dataDir: dir,
    },
  );
}
