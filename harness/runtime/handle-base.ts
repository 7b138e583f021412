/**
 * What every Started handle shares, whatever runs it (local process, container, external):
 * the connection facts and the URL built from an endpoint. Each runtime's handle adds its
 * runtime, its ProcessControl (or none), its log file and how it stops.
 */
import type { Endpoint, ProcessControl, RuntimeKind, StartedComponent } from './types.js';

export interface ServerHandleOptions {
  name: string;
  kind: string;
  version: string;
  endpoint: Endpoint;
  /** Default: { main: endpoint }. */
  endpoints?: Record<string, Endpoint>;
  /** Builds the connection URL for an endpoint (use `new URL`). */
  url: (endpoint: Endpoint) => string;
  /** Default: [endpoint]. */
  linkEndpoints?: readonly Endpoint[];
  extraFor?: (rewrite: (e: Endpoint) => Endpoint) => Record<string, string>;
  metrics?: readonly { endpoint: Endpoint; path: string }[];
  note?: string;
}

export abstract class ServerHandleBase implements StartedComponent {
  abstract readonly runtime: RuntimeKind;
  abstract readonly process: ProcessControl | undefined;
  readonly name: string;
  readonly kind: string;
  readonly version: string;
  readonly endpoint: Endpoint;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly linkEndpoints: readonly Endpoint[];
  readonly metrics: readonly { endpoint: Endpoint; path: string }[] | undefined;
  readonly note: string | undefined;
  readonly extraFor: ((rewrite: (e: Endpoint) => Endpoint) => Record<string, string>) | undefined;
  private readonly makeUrl: (e: Endpoint) => string;

  constructor(o: ServerHandleOptions) {
    this.name = o.name;
    this.kind = o.kind;
    this.version = o.version;
    this.endpoint = o.endpoint;
    this.endpoints = o.endpoints ?? { main: o.endpoint };
    this.linkEndpoints = o.linkEndpoints ?? [o.endpoint];
    this.metrics = o.metrics;
    this.note = o.note;
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

  abstract stop(): Promise<void>;
}
