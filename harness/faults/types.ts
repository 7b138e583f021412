/**
 * The core's view of faults and links. chaos/ implements them (the embedded Toxiproxy-compatible
 * proxy, or a real Toxiproxy) and registers a LinkProvider; the core only schedules and records.
 */
import type { Endpoint, ProcessControl } from '../runtime/types.js';

/** A proxy on one dependency edge, e.g. "catalog->postgres". */
export interface LinkHandle {
  readonly name: string;
  /** where dependents connect */
  readonly listen: Endpoint;
  /** the real server */
  readonly upstream: Endpoint;
}

/** Creates links for an environment (one proxy server per run) and resets them all. */
export interface LinkProvider extends AsyncDisposable {
  /** "embedded toxiproxy-compatible proxy (pid 123)" or "toxiproxy 2.9 at http://..." */
  readonly description: string;
  /** Prometheus metrics endpoint of the proxy, if any */
  readonly metrics?: { endpoint: Endpoint; path: string };
  /** `kind` (the upstream's component kind, e.g. "redis") lets the provider pick a protocol probe. */
  createLink(name: string, upstream: Endpoint, options?: { kind?: string }): Promise<LinkHandle>;
  /** A link over a proxy that already exists (external runtime): `name` is the edge, `proxy` the Toxiproxy proxy. */
  attach?(name: string, proxy: string, options?: { kind?: string }): Promise<LinkHandle>;
  /** Remove every toxic and enable every proxy (fixture teardown). */
  resetAll(): Promise<void>;
}

export interface LinkProviderFactory {
  /** `url`: drive the Toxiproxy there instead of starting the embedded one. */
  (options: { owner: import('../runtime/types.js').ResourceOwner; port: number; seed?: number; url?: string }): Promise<LinkProvider>;
}

export type FaultTarget =
  | { kind: 'link'; name: string; link: LinkHandle }
  | { kind: 'process'; name: string; process: ProcessControl };

export interface FaultObservation {
  observed: boolean;
  observation: string;
}

/** An applied fault: dispose rolls it back. */
export interface AppliedFault extends AsyncDisposable {
  observe(): Promise<FaultObservation>;
}

/** A declared fault (chaos/faults/*): `Fault.latency({ latencyMs: 200 })`. */
export interface FaultLike {
  readonly kind: string;
  /** 'link' faults need a link target, 'process' faults a component with ProcessControl */
  readonly targetKind: 'link' | 'process';
  readonly params: Record<string, unknown>;
  describe(): string;
  /** problems with the fault's own configuration, checked before any server starts */
  validate?(): string[];
  apply(target: FaultTarget): Promise<AppliedFault>;
}

let linkProviderFactory: LinkProviderFactory | undefined;

export function registerLinkProvider(factory: LinkProviderFactory): void {
  linkProviderFactory = factory;
}

export function getLinkProviderFactory(): LinkProviderFactory | undefined {
  return linkProviderFactory;
}

/** Fault factories by kind, so a chaos rerun can rebuild a fault with overridden parameters. */
const faultFactories = new Map<string, (params: Record<string, unknown>) => FaultLike>();

export function registerFaultFactory(kind: string, factory: (params: Record<string, unknown>) => FaultLike): void {
  faultFactories.set(kind, factory);
}

export function faultFactory(kind: string): ((params: Record<string, unknown>) => FaultLike) | undefined {
  return faultFactories.get(kind);
}

export function faultKinds(): string[] {
  return [...faultFactories.keys()].sort();
}
