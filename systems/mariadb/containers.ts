/**
 * MariaDB in a container: the official @testcontainers/mariadb module (MARIADB_* env, honoured
 * by the official image and by scripts/images/mariadb/entrypoint.sh; the server runs as user
 * mysql). Handles connect as root with MARIADB_CONTAINER_PASSWORD (the module's regular user
 * exists too). Durability settings match the local runtime.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { startServerContainer, withCredentials } from '../container-server.js';
import type { MariaDbServer } from './index.js';
import { MARIADB_KIND, MARIADB_PORT, MARIADB_USER, type StartedMariaDbServer } from './types.js';

export const MARIADB_CONTAINER_PASSWORD = 'archtdd';

export async function startMariaDbContainer(c: MariaDbServer, ctx: StartContext): Promise<StartedMariaDbServer> {
  const [{ MariaDbContainer }, { Wait }] = await Promise.all([import('@testcontainers/mariadb'), testcontainers()]);
  return startServerContainer(
    c,
    ctx,
    {
      container: (image) =>
        new MariaDbContainer(image)
          .withRootPassword(MARIADB_CONTAINER_PASSWORD)
          .withUsername('archtdd')
          .withUserPassword(MARIADB_CONTAINER_PASSWORD)
          .withDatabase('archtdd')
          .withCommand(['mariadbd', ...c.args]),
      ports: { main: MARIADB_PORT },
      // The official image logs "ready for connections" twice (a port-less init server first):
      // the published port is the real signal for both images.
      waitStrategy: Wait.forAll([Wait.forLogMessage(/ready for connections/), Wait.forListeningPorts()]),
    },
    { url: (e) => withCredentials(`mysql://${e.host}:${e.port}/`, MARIADB_USER, MARIADB_CONTAINER_PASSWORD) },
  );
}

registerDriver(MARIADB_KIND, 'containers', startMariaDbContainer);
