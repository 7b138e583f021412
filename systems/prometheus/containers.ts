/**
 * Prometheus in a container: a GenericContainer with the run's prometheus.yml copied in.
 *
 * It must scrape processes on the HOST (the user's services, the load generator, the fault
 * proxy), which listen on 127.0.0.1 only. A bridged podman container reaches the host only
 * through the bridge gateway (10.88.0.1 / host.containers.internal), where nothing listens.
 * So Prometheus shares the host's network namespace (network mode "host"): its targets stay
 * 127.0.0.1:<port>, exactly as on the local runtime, and it listens on 127.0.0.1:<main port>
 * itself. Servers in containers are scraped through their published 127.0.0.1 ports the same way.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import { imageFor } from '../../harness/runtime/containers/images.js';
import { ContainerServerHandle } from '../../harness/runtime/containers/handle.js';
import { startInContainer } from '../../harness/runtime/containers/start.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import { freePort } from '../../harness/runtime/ports.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../../harness/runtime/types.js';
import { Wait as HarnessWait } from '../../harness/runtime/wait.js';
import { prometheusConfig } from './config.js';
import type { PrometheusServer, StartedPrometheusServer } from './index.js';

const CONFIG_PATH = '/etc/prometheus/prometheus.yml';
const httpUrl = (e: Endpoint): string => new URL(`http://${e.host}:${e.port}`).origin;

export async function startPrometheusContainer(c: PrometheusServer, ctx: StartContext): Promise<StartedPrometheusServer> {
  const tc = await testcontainers();
  const image = imageFor(c.kind);
  const endpoint: Endpoint = { host: LOOPBACK, port: ctx.ports.main ?? (await freePort()) };
  const ready = () =>
    HarnessWait.forHttp(`${httpUrl(endpoint)}/-/ready`).waitUntil({ deadline: Math.max(ctx.deadline, Date.now() + 30_000), what: c.name });
  const r = await startInContainer({
    name: c.name,
    kind: c.kind,
    ctx,
    image,
    hostNetwork: true,
    container: new tc.GenericContainer(image)
      .withCopyContentToContainer([
        { content: prometheusConfig(endpoint, c.scrapeIntervalSeconds, c.scrapeTargets), target: CONFIG_PATH, mode: 0o644 },
      ])
      // Flags only, as with the official image (ENTRYPOINT prometheus); the local image's
      // entrypoint adds its defaults for the flags not given.
      .withCommand([
        `--config.file=${CONFIG_PATH}`,
        '--storage.tsdb.path=/prometheus',
        `--web.listen-address=${LOOPBACK}:${endpoint.port}`,
        '--web.enable-lifecycle',
        '--web.enable-remote-write-receiver',
      ]),
    waitStrategy: tc.Wait.forLogMessage(/Server is ready to receive web requests/),
    afterRestart: ready,
  });
  await ready();
  return new ContainerServerHandle({
    name: c.name,
    kind: c.kind,
    version: r.version,
    image,
    endpoint,
    url: httpUrl,
    control: r.control,
    remove: r.remove,
    logFile: r.logFile,
    metrics: [{ endpoint, path: '/metrics' }],
  }) as ContainerServerHandle & StartedPrometheusServer;
}

// Registered here (index.ts imports this file for its side effect). The kind is a literal:
// index.ts's constants are not initialised yet while this file runs (import cycle).
registerDriver('prometheus', 'containers', startPrometheusContainer);
