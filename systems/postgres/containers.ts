/**
 * PostgreSQL in a container: the official @testcontainers/postgresql module (it sets
 * POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, which both the official image and
 * scripts/images/postgres/entrypoint.sh honour; the server runs as user postgres).
 *
 * The module waits for a Docker HEALTHCHECK, but podman without systemd never runs health
 * checks (their timers are systemd units), so the wait is replaced by what the local runtime
 * waits for: the "ready to accept connections" log line and the published port.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import { imageFor } from '../../harness/runtime/containers/images.js';
import { ContainerServerHandle } from '../../harness/runtime/containers/handle.js';
import { startInContainer } from '../../harness/runtime/containers/start.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { POSTGRES_DATABASE, POSTGRES_PORT, POSTGRES_USER, type PostgresServer, type StartedPostgresServer } from './index.js';

/** The password over TCP in a container (the local runtime uses trust auth on loopback). */
export const POSTGRES_CONTAINER_PASSWORD = 'archtdd';

export async function startPostgresContainer(c: PostgresServer, ctx: StartContext): Promise<StartedPostgresServer> {
  const [{ PostgreSqlContainer }, { Wait }] = await Promise.all([import('@testcontainers/postgresql'), testcontainers()]);
  const image = imageFor(c.kind);
  const settings = Object.entries(c.settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const r = await startInContainer({
    name: c.name,
    kind: c.kind,
    ctx,
    image,
    container: new PostgreSqlContainer(image)
      .withUsername(POSTGRES_USER)
      .withPassword(POSTGRES_CONTAINER_PASSWORD)
      .withDatabase(POSTGRES_DATABASE)
      .withCommand(['postgres', ...settings]),
    ports: { main: POSTGRES_PORT },
    waitStrategy: Wait.forAll([
      Wait.forLogMessage(/database system is ready to accept connections/),
      Wait.forListeningPorts(),
    ]),
  });
  return new ContainerServerHandle({
    name: c.name,
    kind: c.kind,
    version: r.version,
    image,
    endpoint: r.endpoints.main!,
    url: (e) => {
      const u = new URL(`postgres://${e.host}:${e.port}/${POSTGRES_DATABASE}`);
      u.username = POSTGRES_USER;
      u.password = POSTGRES_CONTAINER_PASSWORD;
      return u.href;
    },
    control: r.control,
    remove: r.remove,
    logFile: r.logFile,
  }) as ContainerServerHandle & StartedPostgresServer;
}

// Registered here (index.ts imports this file for its side effect). The kind is a literal:
// index.ts's constants are not initialised yet while this file runs (import cycle).
registerDriver('postgres', 'containers', startPostgresContainer);
