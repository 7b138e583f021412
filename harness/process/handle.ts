/**
 * The Started handle of a server run as a local process. Server modules fill in the
 * connection facts; the handle carries the ProcessControl and is stopped by its owner.
 */
import type { Endpoint, RuntimeKind, StartedComponent } from '../runtime/types.js';
import type { ManagedProcess } from './managed.js';

export interface LocalHandleOptions {
  name: string;
  kind: string;
  version: string;
  endpoint: Endpoint;
  endpoints?: Record<string, Endpoint>;
  /** Builds the connection URL for an endpoint (use `new URL`). */
  url: (endpoint: Endpoint) => string;
  process: ManagedProcess;
  linkEndpoints?: readonly Endpoint[];
  extraFor?: (rewrite: (e: Endpoint) => Endpoint) => Record<string, string>;
  metrics?: readonly { endpoint: Endpoint; path: string }[];
  note?: string;
  /** Private data dir (removed by the owner). */
  dataDir?: string;
  runtime?: RuntimeKind;
}

export class LocalServerHandle implements StartedComponent {
  readonly name: string;
  readonly kind: string;
  readonly runtime: RuntimeKind;
  readonly version: string;
  readonly endpoint: Endpoint;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly linkEndpoints: readonly Endpoint[];
  readonly metrics: readonly { endpoint: Endpoint; path: string }[] | undefined;
  readonly process: ManagedProcess;
  readonly logFile: string;
  readonly note: string | undefined;
  readonly dataDir: string | undefined;
  readonly extraFor: ((rewrite: (e: Endpoint) => Endpoint) => Record<string, string>) | undefined;
  private readonly makeUrl: (e: Endpoint) => string;

  constructor(o: LocalHandleOptions) {
    this.name = o.name;
    this.kind = o.kind;
    this.runtime = o.runtime ?? 'local';
    this.version = o.version;
    this.endpoint = o.endpoint;
    this.endpoints = o.endpoints ?? { main: o.endpoint };
    this.linkEndpoints = o.linkEndpoints ?? [o.endpoint];
    this.metrics = o.metrics;
    this.process = o.process;
    this.logFile = o.process.logFile;
    this.note = o.note;
    this.dataDir = o.dataDir;
    this.extraFor = o.extraFor;
    this.makeUrl = o.url;
  }

  /** Connection URL of the main endpoint. */
  get url(): string {
    return this.makeUrl(this.endpoint);
  }

  urlFor(endpoint: Endpoint = this.endpoint): string {
    return this.makeUrl(endpoint);
  }

  /** Graceful stop; idempotent. */
  stop(): Promise<void> {
    return this.process.stop();
  }
}
