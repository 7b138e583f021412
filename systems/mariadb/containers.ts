/**
 * MariaDB in a container: the official @testcontainers/mariadb module (MARIADB_* env, honoured
 * by the official image and by scripts/images/mariadb/entrypoint.sh; the server runs as user
 * mysql). Handles connect as root with MARIADB_CONTAINER_PASSWORD (the module's regular user
 * exists too). Durability settings match the local runtime.
 */
import '../../harness/runtime/containers/register.js'; // runtime hooks: auto detection, fail-fast prepare
import { registerDriver } from '../../harness/runtime/drivers.js';
import { imageFor } from '../../harness/runtime/containers/images.js';
import { ContainerServerHandle } from '../../harness/runtime/containers/handle.js';
import { startInContainer } from '../../harness/runtime/containers/start.js';
import { testcontainers } from '../../harness/runtime/containers/client.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { MARIADB_PORT, MARIADB_USER, type MariaDbServer, type StartedMariaDbServer } from './index.js';

export const MARIADB_CONTAINER_PASSWORD = 'archtdd';

export async function startMariaDbContainer(c: MariaDbServer, ctx: StartContext): Promise<StartedMariaDbServer> {
  const [{ MariaDbContainer }, { Wait }] = await Promise.all([import('@testcontainers/mariadb'), testcontainers()]);
  const image = imageFor(c.kind);
  const r = await startInContainer({
    name: c.name,
    kind: c.kind,
    ctx,
    image,
    container: new MariaDbContainer(image)
      .withRootPassword(MARIADB_CONTAINER_PASSWORD)
      .withUsername('archtdd')
      .withUserPassword(MARIADB_CONTAINER_PASSWORD)
      .withDatabase('archtdd')
      .withCommand(['mariadbd', ...c.args]),
    ports: { main: MARIADB_PORT },
    // The official image logs "ready for connections" twice (a port-less init server first):
    // the published port is the real signal for both images.
    waitStrategy: Wait.forAll([Wait.forLogMessage(/ready for connections/), Wait.forListeningPorts()]),
  });
  return new ContainerServerHandle({
    name: c.name,
    kind: c.kind,
    version: r.version,
    image,
    endpoint: r.endpoints.main!,
    url: (e) => {
      const u = new URL(`mysql://${e.host}:${e.port}/`);
      u.username = MARIADB_USER;
      u.password = MARIADB_CONTAINER_PASSWORD;
      return u.href;
    },
    control: r.control,
    remove: r.remove,
    logFile: r.logFile,
  }) as ContainerServerHandle & StartedMariaDbServer;
}

// Registered here (index.ts imports this file for its side effect). The kind is a literal:
// index.ts's constants are not initialised yet while this file runs (import cycle).
registerDriver('mariadb', 'containers', startMariaDbContainer);
