/**
 * The runtime contract. One suite runs unchanged on three runtimes:
 *   local       real servers as local processes (the embedded default, no Docker)
 *   containers  Testcontainers (Docker or podman's Docker API)
 *   external    given endpoints of an existing cluster; starts nothing it was not asked to
 *
 * The core knows only these interfaces. systems/ implements components (servers and the
 * user's services) and registers one driver per runtime kind for each.
 */
import type { RuntimeKind } from '../journal/schema.js';
export type { RuntimeKind } from '../journal/schema.js';

export const LOOPBACK = '127.0.0.1';

export interface Endpoint {
  host: string;
  port: number;
}

export function endpointString(e: Endpoint): string {
  return `${e.host}:${e.port}`;
}

/** One owner per run: holds every process, container, proxy and temp dir, releases them in reverse order. */
export interface ResourceOwner extends AsyncDisposable {
  /** Register a cleanup; cleanups run last-in first-out on dispose, each at most once, errors collected. */
  defer(label: string, cleanup: () => Promise<void> | void): void;
  /** A fresh private temp dir, removed on dispose. `shared` makes it enterable by other users (e.g. postgres). */
  tempDir(prefix: string, options?: { shared?: boolean }): Promise<string>;
  /** Where server logs go; kept after the run for the report. */
  readonly logDir: string;
  readonly runId: string;
}

/** Process-level fault surface of a started component. Absent where the runtime cannot do it (external). */
export interface ProcessControl {
  /** Current pid (local) or container id (containers). */
  readonly id: string;
  /** SIGKILL (default) or another signal; resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Graceful stop (SIGTERM / SIGINT as the server wants); resolves when it is gone. */
  stop(): Promise<void>;
  /** Start again on the same ports and data dir; resolves when ready. */
  restart(): Promise<void>;
  /** SIGSTOP (local) / container pause. */
  pause(): Promise<void>;
  /** SIGCONT / unpause. */
  resume(): Promise<void>;
  readonly running: boolean;
}

/** What a component needs to know to start. */
export interface StartContext {
  readonly runtime: RuntimeKind;
  readonly owner: ResourceOwner;
  /** Host ports the harness chose for this component, by name (e.g. { main: 41234 }). Empty on external. */
  readonly ports: Readonly<Record<string, number>>;
  /** Started dependencies, as this component must reach them (through their links' proxies). */
  readonly deps: Readonly<Record<string, DependencyView>>;
  /** Absolute deadline (epoch ms) for readiness. */
  readonly deadline: number;
  /** Endpoints given for the external runtime, by component name. */
  readonly external?: Readonly<Record<string, ExternalEndpoint>>;
  /** Extra per-runtime state (e.g. the containers network); drivers cast what they own. */
  readonly runtimeState?: unknown;
}

export interface ExternalEndpoint {
  url?: string;
  host?: string;
  port?: number;
  [key: string]: unknown;
}

/** How a dependent sees a dependency: its address may be a proxy in front of the real one. */
export interface DependencyView {
  readonly name: string;
  readonly kind: string;
  readonly endpoint: Endpoint;
  /** Connection URL to `endpoint`, e.g. redis://127.0.0.1:41235 or postgres://postgres@127.0.0.1:41236/postgres */
  readonly url: string;
  /** Extra connection facts (e.g. kafka broker map). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** A started server or service: a handle, stopped by its owner. */
export interface StartedComponent {
  readonly name: string;
  readonly kind: string;
  readonly runtime: RuntimeKind;
  readonly version: string;
  /** The main endpoint, reachable from the harness. */
  readonly endpoint: Endpoint;
  /** Named endpoints (e.g. { main, metrics }). */
  readonly endpoints: Readonly<Record<string, Endpoint>>;
  /** Connection URL for a given endpoint (default: the main one). Used to build proxied URLs. */
  urlFor(endpoint?: Endpoint): string;
  /** Extra connection facts for dependents (kafka: broker map). Given the endpoint rewrite. */
  extraFor?(rewrite: (e: Endpoint) => Endpoint): Record<string, string>;
  /** Every endpoint a dependent may connect to (kafka: each broker). Links proxy each one. Default: [endpoint]. */
  readonly linkEndpoints?: readonly Endpoint[];
  /** Metrics endpoints for Prometheus to scrape. */
  readonly metrics?: readonly { endpoint: Endpoint; path: string }[];
  readonly process?: ProcessControl;
  readonly logFile?: string;
  /** A note for the report (e.g. "local mock (no image)"). */
  readonly note?: string;
  stop(): Promise<void>;
}

/** A declared component: a builder whose `with*` methods only store state. */
export interface Component<S extends StartedComponent = StartedComponent> {
  readonly name: string;
  readonly kind: string;
  /** Port names the harness must allocate before start (e.g. ["main"]). */
  readonly portNames: readonly string[];
  /** Names of components this one talks to; each edge gets a link (proxy). */
  readonly dependsOn: readonly string[];
  /** Metrics paths by port name, known before start, so Prometheus can start first with stable targets. */
  readonly metricsPaths?: readonly { port: string; path: string }[];
  /** Problems with this declaration, found before anything starts. */
  validate?(): import('../errors.js').ConfigIssue[];
  start(ctx: StartContext): Promise<S>;
}

/** A driver starts one kind of component on one runtime. */
export type Driver<C extends Component = Component, S extends StartedComponent = StartedComponent> = (
  component: C,
  ctx: StartContext,
) => Promise<S>;
