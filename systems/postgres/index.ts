/**
 * PostgreSQL server module.
 *
 *   const pg = await new PostgresServer().withSetting('max_connections', '50').start(ctx);
 *   pg.url // postgres://postgres@127.0.0.1:41236/postgres
 */
import { driverFor, registerDriver } from '../../harness/runtime/drivers.js';
import type { Component, StartContext, StartedComponent } from '../../harness/runtime/types.js';
import { startPostgresLocal } from './local.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export const POSTGRES_KIND = 'postgres';
export const POSTGRES_PORT = 5432;
export const POSTGRES_USER = 'postgres';
export const POSTGRES_DATABASE = 'postgres';

export interface StartedPostgresServer extends StartedComponent {
  /** postgres://postgres@host:port/postgres (trust auth, no password). */
  readonly url: string;
}

export class PostgresServer implements Component<StartedPostgresServer> {
  readonly kind = POSTGRES_KIND;
  readonly portNames: readonly string[] = ['main'];
  dependsOn: readonly string[] = [];
  name = 'postgres';
  /** Server settings passed as `-c key=value`; durability is off by default (tests, not data). */
  settings: Readonly<Record<string, string>> = {
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
  };

  withName(name: string): this {
    this.name = name;
    return this;
  }

  withSetting(key: string, value: string): this {
    this.settings = { ...this.settings, [key]: value };
    return this;
  }

  start(ctx: StartContext): Promise<StartedPostgresServer> {
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<StartedPostgresServer>;
  }
}

registerDriver(POSTGRES_KIND, 'local', startPostgresLocal);
