/** MariaDB constants and the started handle's type; the drivers import them from here (no cycle through index.ts). */
import type { StartedComponent } from '../../harness/runtime/types.js';

export const MARIADB_KIND = 'mariadb';
export const MARIADB_PORT = 3306;
export const MARIADB_USER = 'root';

export interface StartedMariaDbServer extends StartedComponent {
  /** mysql://root@host:port/ (empty password over TCP). */
  readonly url: string;
}
