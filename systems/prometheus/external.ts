/**
 * Prometheus on the external runtime: the given URL, checked with /-/ready; its version from
 * /api/v1/status/buildinfo. archtdd cannot configure an external Prometheus: it must already
 * scrape the services (the declared scrape targets are not applied, and the report says so).
 */
import { request } from 'undici';
import '../../harness/runtime/external/register.js'; // runtime hooks: endpoints from --config / env
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ExternalHandle, givenEndpoint, EXTERNAL_NOTE } from '../../harness/runtime/external/handle.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { Wait } from '../../harness/runtime/wait.js';
import { givenVersion } from '../external-server.js';
import type { PrometheusServer } from './index.js';
import { PROMETHEUS_KIND, type StartedPrometheusServer } from './types.js';

export async function startPrometheusExternal(c: PrometheusServer, ctx: StartContext): Promise<StartedPrometheusServer> {
  const given = givenEndpoint(ctx, c, { scheme: 'http', defaultPort: 9090 });
  const base = given.urlFor(given.endpoint);
  await Wait.forHttp(`${base}/-/ready`).waitUntil({ deadline: ctx.deadline, what: `${c.name} (prometheus, external at ${base})` });
  let version = givenVersion(given.raw);
  try {
    const res = await request(`${base}/api/v1/status/buildinfo`, { headersTimeout: 2000, bodyTimeout: 2000 });
    const body = (await res.body.json()) as { data?: { version?: string } };
    // Distribution suffixes ("2.42.0+ds") dropped, as the local and containers runtimes report it.
    version = body.data?.version?.replace(/[+~].*$/, '') ?? version;
  } catch {
    // keep the configured or generic version
  }
  const jobs = c.scrapeTargets.map((t) => t.job);
  return new ExternalHandle({
    name: c.name,
    kind: c.kind,
    version,
    endpoint: given.endpoint,
    url: given.urlFor,
    note: jobs.length
      ? `${EXTERNAL_NOTE}; scrape targets not applied (it must already scrape: ${jobs.join(', ')})`
      : EXTERNAL_NOTE,
  });
}

registerDriver(PROMETHEUS_KIND, 'external', startPrometheusExternal);
