/** The Started handle of a server in a container: connection facts, ProcessControl, removal. */
import type { Endpoint, StartedComponent } from '../types.js';
import type { ContainerProcessControl } from './control.js';

export interface ContainerHandleOptions {
  name: string;
  kind: string;
  version: string;
  endpoint: Endpoint;
  endpoints?: Record<string, Endpoint>;
  url: (endpoint: Endpoint) => string;
  control: ContainerProcessControl;
  /** Stops and removes the container (idempotent). */
  remove: () => Promise<void>;
  logFile: string;
  image: string;
  linkEndpoints?: readonly Endpoint[];
  extraFor?: (rewrite: (e: Endpoint) => Endpoint) => Record<string, string>;
  metrics?: readonly { endpoint: Endpoint; path: string }[];
  note?: string;
}

export class ContainerServerHandle implements StartedComponent {
  readonly name: string;
  readonly kind: string;
  readonly runtime = 'containers' as const;
  readonly version: string;
  readonly endpoint: Endpoint;
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  readonly linkEndpoints: readonly Endpoint[];
  readonly metrics: readonly { endpoint: Endpoint; path: string }[] | undefined;
  readonly process: ContainerProcessControl;
  readonly logFile: string;
  readonly note: string | undefined;
  /** The image it runs, e.g. docker.io/library/redis:7.0. */
  readonly image: string;
  readonly extraFor: ((rewrite: (e: Endpoint) => Endpoint) => Record<string, string>) | undefined;
  private readonly makeUrl: (e: Endpoint) => string;
  private readonly removeFn: () => Promise<void>;

  constructor(o: ContainerHandleOptions) {
    this.name = o.name;
    this.kind = o.kind;
    this.version = o.version;
    this.endpoint = o.endpoint;
    this.endpoints = o.endpoints ?? { main: o.endpoint };
    this.linkEndpoints = o.linkEndpoints ?? [o.endpoint];
    this.metrics = o.metrics;
    this.process = o.control;
    this.logFile = o.logFile;
    this.note = o.note;
    this.image = o.image;
    this.extraFor = o.extraFor;
    this.makeUrl = o.url;
    this.removeFn = o.remove;
  }

  /** The container id. */
  get containerId(): string {
    return this.process.id;
  }

  get url(): string {
    return this.makeUrl(this.endpoint);
  }

  urlFor(endpoint: Endpoint = this.endpoint): string {
    return this.makeUrl(endpoint);
  }

  /** Stops and removes the container; idempotent. */
  stop(): Promise<void> {
    return this.removeFn();
  }
}
