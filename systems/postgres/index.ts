/**
 * PostgreSQL server module.
 *
 *   const pg = await new PostgresServer().withSetting('max_connections', '50').start(ctx);
 *   pg.url // postgres://postgres@127.0.0.1:41236/postgres
 */
import { registerDriver } from '../../harness/runtime/drivers.js';
import { ServerBuilder } from '../server-base.js';
import { startPostgresLocal } from './local.js';
import { POSTGRES_KIND, type StartedPostgresServer } from './types.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export { POSTGRES_KIND, POSTGRES_PORT, POSTGRES_USER, POSTGRES_DATABASE, type StartedPostgresServer } from './types.js';

export class PostgresServer extends ServerBuilder<StartedPostgresServer> {
  readonly kind = POSTGRES_KIND;
  name = 'postgres';
  /** Server settings passed as `-c key=value`; durability is off by default (tests, not data). */
  settings: Readonly<Record<string, string>> = {
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
  };

  withSetting(key: string, value: string): this {
    this.settings = { ...this.settings, [key]: value };
    return this;
  }
}

registerDriver(POSTGRES_KIND, 'local', startPostgresLocal);
