/**
 * Faults as suites use them: `await using f = await Fault.latency({ latencyMs: 200 }).apply(link)`.
 * Implements the core's FaultLike / AppliedFault (harness/faults/types.ts); one fault kind per file.
 */
import type { FaultRecord } from '../../harness/journal/schema.js';
import type { AppliedFault, FaultLike, FaultObservation, FaultTarget } from '../../harness/faults/types.js';
import type { Endpoint, ProcessControl } from '../../harness/runtime/types.js';
import type { Link } from '../links.js';
import type { Probe } from '../probes.js';

export type { FaultObservation };

/** A component with process control, as process faults need it (a StartedComponent fits). */
export interface ProcessTarget {
  readonly name: string;
  readonly process?: ProcessControl;
  /** where the component answers, for the observation probe */
  readonly endpoint?: Endpoint;
  readonly probe?: Probe;
}

/** What apply() accepts: the core's FaultTarget, a Link, or a component with a process. */
export type AnyFaultTarget = FaultTarget | Link | ProcessTarget;

/** An applied fault: dispose (or remove()) rolls it back, once. */
export interface ChaosAppliedFault extends AppliedFault {
  readonly fault: ChaosFault;
  readonly target: string;
  readonly appliedAt: number;
  readonly removedAt: number | undefined;
  remove(): Promise<void>;
  /** The journal's FaultRecord, with the last observation (observed: false if never observed). */
  record(id?: string): FaultRecord;
}

export interface ChaosFault extends FaultLike {
  apply(target: AnyFaultTarget): Promise<ChaosAppliedFault>;
}

/** Link-fault options shared by every toxic: direction and share of connections. */
export interface LinkFaultOptions {
  /** upstream = client -> server, downstream = server -> client (default, as Toxiproxy) */
  stream?: 'upstream' | 'downstream';
  /** probability per connection, 0..1 (default 1) */
  toxicity?: number;
}
