/** Prometheus as a local process: private config and TSDB dir, lifecycle and remote-write APIs on. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { loopbackEndpoint, serverLogFile, startLocalServer } from '../local-server.js';
import { prometheusConfig } from './config.js';
import type { PrometheusServer } from './index.js';
import type { StartedPrometheusServer } from './types.js';

const httpUrl = (e: Endpoint): string => new URL(`http://${e.host}:${e.port}`).origin;

export async function startPrometheusLocal(c: PrometheusServer, ctx: StartContext): Promise<StartedPrometheusServer> {
  const bin = await resolveBinary('prometheus');
  const version = binaryVersion('prometheus', ['--version'], /version (\d+\.\d+\.\d+)/);
  const endpoint = await loopbackEndpoint(ctx);
  const dir = await ctx.owner.tempDir(c.name);
  const logFile = serverLogFile(ctx, c.name);
  const configFile = path.join(dir, 'prometheus.yml');
  await writeFile(configFile, prometheusConfig(endpoint, c.scrapeIntervalSeconds, c.scrapeTargets));
  const args = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--web.listen-address=${LOOPBACK}:${endpoint.port}`,
    '--web.enable-lifecycle',
    '--web.enable-remote-write-receiver',
  ];
  return startLocalServer(
    c,
    ctx,
    {
      spawn: { name: c.name, command: bin, args, logFile, cwd: dir },
      readiness: () => Wait.forHttp(`${httpUrl(endpoint)}/-/ready`),
    },
    { version, endpoint, url: httpUrl, dataDir: dir, metrics: [{ endpoint, path: '/metrics' }] },
  );
}
