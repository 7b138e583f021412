/**
 * One proxy: a listener on `listen` that forwards each accepted connection to `upstream` through
 * two ToxicLinks (upstream: client -> server, downstream: server -> client). Disabling it closes
 * the listener and every connection (Toxiproxy's "down"); enabling it listens again on the same
 * address.
 */
import net from 'node:net';
import { once } from 'node:events';
import type { Rng } from '../prng.js';
import { Errors } from './errors.js';
import { formatHostPort, listenAddress, parseHostPort } from './address.js';
import { ToxicLink, type LinkEvents } from './link.js';
import type { EndKind } from './stream.js';
import { ToxicCollection } from './toxic-collection.js';
import type { Direction, ToxicJson } from './toxic-wrapper.js';

export interface ProxyJson {
  name: string;
  listen: string;
  upstream: string;
  enabled: boolean;
  toxics: ToxicJson[];
}

export interface ProxyStats {
  received: Record<Direction, number>;
  sent: Record<Direction, number>;
  connectionsTotal: number;
}

class Connection {
  readonly links: ToxicLink[] = [];
  private done = false;
  constructor(
    readonly client: net.Socket,
    readonly server: net.Socket,
  ) {}

  destroy(): void {
    if (this.done) return;
    this.done = true;
    this.client.destroy();
    this.server.destroy();
  }

  reset(): void {
    if (this.done) return;
    this.done = true;
    this.client.resetAndDestroy();
    this.server.resetAndDestroy();
  }
}

export class Proxy {
  listen: string;
  enabled = false;
  readonly toxics = new ToxicCollection();
  readonly stats: ProxyStats = { received: { upstream: 0, downstream: 0 }, sent: { upstream: 0, downstream: 0 }, connectionsTotal: 0 };
  private server: net.Server | undefined;
  private readonly connections = new Set<Connection>();

  constructor(
    readonly name: string,
    listen: string,
    public upstream: string,
    private readonly rng: Rng,
    private readonly allowNonLoopback: boolean,
  ) {
    this.listen = listen;
  }

  get activeConnections(): number {
    return this.connections.size;
  }

  toJSON(): ProxyJson {
    return { name: this.name, listen: this.listen, upstream: this.upstream, enabled: this.enabled, toxics: this.toxics.list().map((t) => t.toJSON()) };
  }

  /** Validate addresses without binding (populate checks every proxy before changing anything). */
  validate(): void {
    listenAddress(this.listen, this.allowNonLoopback);
    parseHostPort(this.upstream, 'upstream');
  }

  async start(): Promise<void> {
    if (this.enabled) return;
    const addr = listenAddress(this.listen, this.allowNonLoopback);
    parseHostPort(this.upstream, 'upstream');
    const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (c) => this.accept(c));
    server.listen({ host: addr.host, port: addr.port, exclusive: true });
    try {
      await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
    } catch (e) {
      server.close();
      throw Errors.listenFailed.with(`proxy "${this.name}" could not listen on ${formatHostPort(addr)}: ${(e as Error).message}`);
    }
    const bound = server.address() as net.AddressInfo;
    this.listen = formatHostPort({ host: addr.host, port: bound.port });
    this.server = server;
    this.enabled = true;
  }

  async stop(): Promise<void> {
    if (!this.enabled) return;
    this.enabled = false;
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve();
    for (const c of this.connections) c.destroy();
    this.connections.clear();
    await closed;
  }

  /** POST /proxies/{name}: a new listen or upstream restarts the listener; enabled starts or stops it. */
  async update(input: { listen: string; upstream: string; enabled: boolean }): Promise<void> {
    if (input.listen !== this.listen || input.upstream !== this.upstream) {
      const wasEnabled = this.enabled;
      listenAddress(input.listen, this.allowNonLoopback);
      parseHostPort(input.upstream, 'upstream');
      await this.stop();
      this.listen = input.listen;
      this.upstream = input.upstream;
      if (wasEnabled && input.enabled) return this.start();
    }
    if (input.enabled !== this.enabled) return input.enabled ? this.start() : this.stop();
  }

  private accept(client: net.Socket): void {
    if (!this.enabled) {
      client.destroy();
      return;
    }
    const up = parseHostPort(this.upstream, 'upstream');
    const server = net.connect({ host: up.host || '127.0.0.1', port: up.port, allowHalfOpen: true, noDelay: true });
    client.setNoDelay(true);
    const conn = new Connection(client, server);
    this.connections.add(conn);
    this.stats.connectionsTotal++;
    const onError = (): void => conn.destroy();
    client.on('error', onError);
    server.on('error', onError);
    let closed = 0;
    const onClose = (): void => {
      if (++closed < 2) return;
      this.connections.delete(conn);
      for (const l of conn.links) this.toxics.removeLink(l);
    };
    client.on('close', onClose);
    server.on('close', onClose);

    const events: LinkEvents = {
      received: (d, n) => (this.stats.received[d] += n),
      sent: (d, n) => (this.stats.sent[d] += n),
      ended: (link, kind: EndKind) => {
        const dest = link.direction === 'upstream' ? server : client;
        if (kind === 'reset') return conn.reset();
        if (kind === 'close') {
          if (dest.destroyed || !dest.writable) return conn.destroy();
          dest.end(() => conn.destroy());
          return;
        }
        // A half-close: forward the FIN; the sockets destroy themselves once both directions ended.
        if (!dest.destroyed && dest.writable) dest.end();
      },
    };
    for (const [direction, source, dest] of [
      ['upstream', client, server],
      ['downstream', server, client],
    ] as const) {
      const link = new ToxicLink(direction, this.toxics.chainFor(direction), source, dest, this.rng, events);
      conn.links.push(link);
      this.toxics.addLink(link);
    }
  }
}
