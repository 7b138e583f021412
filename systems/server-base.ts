/**
 * What every server builder shares: one "main" port, no dependencies, a name, and start() =
 * the driver registered for its kind on the context's runtime. Builders add their own with*
 * options (state only) on top.
 *
 *   export class RedisServer extends ServerBuilder<StartedRedisServer> {
 *     readonly kind = REDIS_KIND;
 *     name = 'redis';
 *   }
 */
import { driverFor } from '../harness/runtime/drivers.js';
import type { Component, StartContext, StartedComponent } from '../harness/runtime/types.js';

export abstract class ServerBuilder<S extends StartedComponent> implements Component<S> {
  abstract readonly kind: string;
  abstract name: string;
  readonly portNames: readonly string[] = ['main'];
  dependsOn: readonly string[] = [];

  withName(name: string): this {
    this.name = name;
    return this;
  }

  start(ctx: StartContext): Promise<S> {
    return driverFor(this.kind, ctx.runtime)(this, ctx) as Promise<S>;
  }
}

/** A server builder whose command line takes extra arguments. */
export abstract class ServerWithArgs<S extends StartedComponent> extends ServerBuilder<S> {
  /** Extra arguments appended to the server's command line. */
  args: readonly string[] = [];

  withArgs(...args: string[]): this {
    this.args = [...this.args, ...args];
    return this;
  }
}
