/**
 * MariaDB server module.
 *
 *   const db = await new MariaDbServer().start(ctx);
 *   db.url // mysql://root@127.0.0.1:41237/
 */
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ServerWithArgs } from '../server-base.js';
import { startMariaDbLocal } from './local.js';
import { MARIADB_KIND, type StartedMariaDbServer } from './types.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export { MARIADB_KIND, MARIADB_PORT, MARIADB_USER, type StartedMariaDbServer } from './types.js';

/** MariaDB; withArgs adds `mariadbd` options, e.g. withArgs('--max-connections=50'). */
export class MariaDbServer extends ServerWithArgs<StartedMariaDbServer> {
  readonly kind = MARIADB_KIND;
  name = 'mariadb';
}

registerDriver(MARIADB_KIND, 'local', startMariaDbLocal);
