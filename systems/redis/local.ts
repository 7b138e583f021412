/** Redis as a local process: `redis-server` on a free port, no persistence, private dir. */
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import { LOOPBACK, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { loopbackEndpoint, serverLogFile, startLocalServer } from '../local-server.js';
import type { RedisServer } from './index.js';
import type { StartedRedisServer } from './types.js';

export async function startRedisLocal(c: RedisServer, ctx: StartContext): Promise<StartedRedisServer> {
  const bin = await resolveBinary('redis-server');
  const version = binaryVersion('redis-server', ['--version'], /v=(\S+)/);
  const endpoint = await loopbackEndpoint(ctx);
  const dir = await ctx.owner.tempDir(c.name);
  const logFile = serverLogFile(ctx, c.name);
  const args = [
    '--port', String(endpoint.port),
    '--bind', LOOPBACK,
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--daemonize', 'no',
    ...c.args,
  ];
  return startLocalServer(
    c,
    ctx,
    {
      spawn: { name: c.name, command: bin, args, logFile, cwd: dir },
      readiness: ({ fromByte }) =>
        Wait.forAll([Wait.forLogMessage(logFile, /Ready to accept connections/, { fromByte }), Wait.forTcp(endpoint)]),
    },
    { version, endpoint, url: (e) => new URL(`redis://${e.host}:${e.port}`).href, dataDir: dir },
  );
}
