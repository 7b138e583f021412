/** Prometheus as a local process: private config and TSDB dir, lifecycle and remote-write APIs on. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalServerHandle, ManagedProcess } from '../../harness/process/index.js';
import { binaryVersion, resolveBinary } from '../../harness/runtime/binaries.js';
import { freePort } from '../../harness/runtime/ports.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { prometheusConfig } from './config.js';
import type { PrometheusServer, StartedPrometheusServer } from './index.js';

const httpUrl = (e: Endpoint): string => new URL(`http://${e.host}:${e.port}`).origin;

export async function startPrometheusLocal(c: PrometheusServer, ctx: StartContext): Promise<StartedPrometheusServer> {
  const bin = await resolveBinary('prometheus');
  const version = binaryVersion('prometheus', ['--version'], /version (\d+\.\d+\.\d+)/);
  const endpoint: Endpoint = { host: LOOPBACK, port: ctx.ports.main ?? (await freePort()) };
  const dir = await ctx.owner.tempDir(c.name);
  const logFile = path.join(ctx.owner.logDir, `${c.name}.log`);
  const configFile = path.join(dir, 'prometheus.yml');
  await writeFile(configFile, prometheusConfig(endpoint, c.scrapeIntervalSeconds, c.scrapeTargets));
  const args = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(dir, 'data')}`,
    `--web.listen-address=${LOOPBACK}:${endpoint.port}`,
    '--web.enable-lifecycle',
    '--web.enable-remote-write-receiver',
  ];
  const proc = await ManagedProcess.start(
    {
      spawn: { name: c.name, command: bin, args, logFile, cwd: dir },
      readiness: () => Wait.forHttp(`${httpUrl(endpoint)}/-/ready`),
    },
    ctx.deadline,
  );
  ctx.owner.defer(`stop ${c.name}`, () => proc.stop());
  const handle = new LocalServerHandle({
    name: c.name,
    kind: c.kind,
    version: await version,
    endpoint,
    url: httpUrl,
    process: proc,
    dataDir: dir,
    metrics: [{ endpoint, path: '/metrics' }],
  });
  return handle;
}
