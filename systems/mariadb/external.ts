/**
 * MariaDB on the external runtime: the endpoint given in the external config (or env), checked
 * for reachability; nothing started, nothing stopped, no ProcessControl.
 */
import '../../harness/runtime/external/register.js'; // runtime hooks: endpoints from --config / env
import { registerDriver } from '../../harness/runtime/drivers.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { startExternal } from '../external-server.js';
import type { MariaDbServer } from './index.js';
import { MARIADB_KIND, type StartedMariaDbServer } from './types.js';

export function startMariaDbExternal(c: MariaDbServer, ctx: StartContext): Promise<StartedMariaDbServer> {
  return startExternal(c, ctx, { scheme: 'mysql', defaultPort: 3306 });
}

registerDriver(MARIADB_KIND, 'external', startMariaDbExternal);
