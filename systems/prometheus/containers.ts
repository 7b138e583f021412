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
import { startInContainer } from '../../harness/runtime/containers/start.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../../harness/runtime/types.js';
import { Wait as HarnessWait } from '../../harness/runtime/wait.js';
import { containerHandle } from '../container-server.js';
import { loopbackEndpoint } from '../local-server.js';
import { prometheusConfig } from './config.js';
import type { PrometheusServer } from './index.js';
import { PROMETHEUS_KIND, type StartedPrometheusServer } from './types.js';

const CONFIG_PATH = '/etc/prometheus/prometheus.yml';
const httpUrl = (e: Endpoint): string => new URL(`http://${e.host}:${e.port}`).origin;

export async function startPrometheusContainer(c: PrometheusServer, ctx: StartContext): Promise<StartedPrometheusServer> {
  const tc = await testcontainers();
  const image = imageFor(c.kind);
  const endpoint = await loopbackEndpoint(ctx);
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
  return containerHandle(c, image, r, { endpoint, url: httpUrl, metrics: [{ endpoint, path: '/metrics' }] });
}

registerDriver(PROMETHEUS_KIND, 'containers', startPrometheusContainer);
