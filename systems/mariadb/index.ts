/**
 * MariaDB server module.
 *
 *   const db = await new MariaDbServer().start(ctx);
 *   db.url // mysql://root@127.0.0.1:41237/
 */
import { driverFor, registerDriver } from '../../harness/runtime/drivers.js';
import type { Component, StartContext, StartedComponent } from '../../harness/runtime/types.js';
import { startMariaDbLocal } from './local.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export const MARIADB_KIND = 'mariadb';
export const MARIADB_PORT = 3306;
export const MARIADB_USER = 'root';

export interface StartedMariaDbServer extends StartedComponent {
  /** mysql://root@host:port/ (empty password over TCP). */
  readonly url: string;
}

export class MariaDbServer implements Component<StartedMariaDbServer> {
  readonly kind = MARIADB_KIND;
  readonly portNames: readonly string[] = ['main'];
  dependsOn: readonly string[] = [];
  name = 'mariadb';
  /** Extra `mariadbd` options, e.g. ['--max-connections=50']. */
  args: readonly string[] = [];

  withName(name: string): this {
    this.name = name;
    return this;
  }

  withArgs(...args: string[]): this {
    this.args = [...this.args, ...args];
    return this;
  }

  start(ctx: StartContext): Promise<StartedMariaDbServer> {
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<StartedMariaDbServer>;
  }
}

registerDriver(MARIADB_KIND, 'local', startMariaDbLocal);
