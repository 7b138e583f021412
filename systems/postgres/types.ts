/** PostgreSQL constants and the started handle's type; the drivers import them from here (no cycle through index.ts). */
import type { StartedComponent } from '../../harness/runtime/types.js';

export const POSTGRES_KIND = 'postgres';
export const POSTGRES_PORT = 5432;
export const POSTGRES_USER = 'postgres';
export const POSTGRES_DATABASE = 'postgres';

export interface StartedPostgresServer extends StartedComponent {
  /** postgres://postgres@host:port/postgres (trust auth, no password). */
  readonly url: string;
}
