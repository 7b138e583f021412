/**
 * PostgreSQL on the external runtime: the endpoint given in the external config (or env), checked
 * for reachability; nothing started, nothing stopped, no ProcessControl.
 */
import '../../harness/runtime/external/register.js'; // runtime hooks: endpoints from --config / env
import { registerDriver } from '../../harness/runtime/drivers.js';
import type { StartContext } from '../../harness/runtime/types.js';
import { startExternal } from '../external-server.js';
import type { PostgresServer } from './index.js';
import { POSTGRES_KIND, type StartedPostgresServer } from './types.js';

export function startPostgresExternal(c: PostgresServer, ctx: StartContext): Promise<StartedPostgresServer> {
  return startExternal(c, ctx, { scheme: 'postgres', defaultPort: 5432 });
}

registerDriver(POSTGRES_KIND, 'external', startPostgresExternal);
