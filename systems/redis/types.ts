/** Redis constants and the started handle's type; the drivers import them from here (no cycle through index.ts). */
import type { StartedComponent } from '../../harness/runtime/types.js';

export const REDIS_KIND = 'redis';
/** The port Redis listens on inside a container; locally the harness picks a free one. */
export const REDIS_PORT = 6379;

export interface StartedRedisServer extends StartedComponent {
  /** redis://host:port of the main endpoint. */
  readonly url: string;
}
