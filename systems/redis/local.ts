/** Redis as a local process: `redis-server` on a free port, no persistence, private dir. */
import path from 'node:path';
import { LocalServerHandle, ManagedProcess } from '../../harness/process/index.js';
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import { freePort } from '../../harness/runtime/ports.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import type { RedisServer, StartedRedisServer } from './index.js';

export async function startRedisLocal(c: RedisServer, ctx: StartContext): Promise<StartedRedisServer> {
  const bin = await resolveBinary('redis-server');
  const version = binaryVersion('redis-server', ['--version'], /v=(\S+)/);
  const endpoint: Endpoint = { host: LOOPBACK, port: ctx.ports.main ?? (await freePort()) };
  const dir = await ctx.owner.tempDir(c.name);
  const logFile = path.join(ctx.owner.logDir, `${c.name}.log`);
  const args = [
    '--port', String(endpoint.port),
    '--bind', LOOPBACK,
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--daemonize', 'no',
    ...c.args,
  ];
  const proc = await ManagedProcess.start(
    {
      spawn: { name: c.name, command: bin, args, logFile, cwd: dir },
      readiness: ({ fromByte }) =>
        Wait.forAll([Wait.forLogMessage(logFile, /Ready to accept connections/, { fromByte }), Wait.forTcp(endpoint)]),
    },
    ctx.deadline,
  );
  ctx.owner.defer(`stop ${c.name}`, () => proc.stop());
  const handle = new LocalServerHandle({
    name: c.name,
    kind: c.kind,
    version: await version,
    endpoint,
    url: (e) => new URL(`redis://${e.host}:${e.port}`).href,
    process: proc,
    dataDir: dir,
  });
  return handle;
}
