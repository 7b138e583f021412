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
import { testcontainers } from '../../harness/runtime/containers/client.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { startServerContainer, withCredentials } from '../container-server.js';
import type { PostgresServer } from './index.js';
import { POSTGRES_DATABASE, POSTGRES_KIND, POSTGRES_PORT, POSTGRES_USER, type StartedPostgresServer } from './types.js';

/** The password over TCP in a container (the local runtime uses trust auth on loopback). */
export const POSTGRES_CONTAINER_PASSWORD = 'archtdd';

export async function startPostgresContainer(c: PostgresServer, ctx: StartContext): Promise<StartedPostgresServer> {
  const [{ PostgreSqlContainer }, { Wait }] = await Promise.all([import('@testcontainers/postgresql'), testcontainers()]);
  const settings = Object.entries(c.settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  return startServerContainer(
    c,
    ctx,
    {
      container: (image) =>
        new PostgreSqlContainer(image)
          .withUsername(POSTGRES_USER)
          .withPassword(POSTGRES_CONTAINER_PASSWORD)
          .withDatabase(POSTGRES_DATABASE)
          .withCommand(['postgres', ...settings]),
      ports: { main: POSTGRES_PORT },
      waitStrategy: Wait.forAll([
        Wait.forLogMessage(/database system is ready to accept connections/),
        Wait.forListeningPorts(),
      ]),
    },
    {
      url: (e) =>
        withCredentials(`postgres://${e.host}:${e.port}/${POSTGRES_DATABASE}`, POSTGRES_USER, POSTGRES_CONTAINER_PASSWORD),
    },
  );
}

registerDriver(POSTGRES_KIND, 'containers', startPostgresContainer);
