/**
 * Redis server module: builder (stores state only) + driver registration.
 *
 *   const redis = await new RedisServer().withName('cache').start(ctx);
 *   redis.url // redis://127.0.0.1:41234
 */
import { driverFor, registerDriver } from '../../harness/runtime/drivers.js';
import type { Component, StartContext, StartedComponent } from '../../harness/runtime/types.js';
import { startRedisLocal } from './local.js';
import './containers.js'; // registers the containers runtime driver
import './external.js'; // registers the external runtime driver

export const REDIS_KIND = 'redis';
/** The port Redis listens on inside a container; locally the harness picks a free one. */
export const REDIS_PORT = 6379;

export interface StartedRedisServer extends StartedComponent {
  /** redis://host:port of the main endpoint. */
  readonly url: string;
}

export class RedisServer implements Component<StartedRedisServer> {
  readonly kind = REDIS_KIND;
  readonly portNames: readonly string[] = ['main'];
  dependsOn: readonly string[] = [];
  name = 'redis';
  /** Extra `redis-server` arguments, e.g. ['--maxmemory', '64mb']. */
  args: readonly string[] = [];

  withName(name: string): this {
    this.name = name;
    return this;
  }

  withArgs(...args: string[]): this {
    this.args = [...this.args, ...args];
    return this;
  }

  start(ctx: StartContext): Promise<StartedRedisServer> {
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<StartedRedisServer>;
  }
}

registerDriver(REDIS_KIND, 'local', startRedisLocal);
