/**
 * The Toxic interface: one small function that moves data from a stub's input to its output
 * (Toxiproxy's `Pipe`), plus its attribute schema. `stream` and `toxicity` belong to the
 * wrapper (proxy/toxic-wrapper.ts), so no toxic handles them.
 *
 * A pipe returns when interrupted (leaving its state for the next run) or after closing the
 * stub. On an interrupt it must forward any item it holds: no data is dropped on the floor.
 */
import type { z } from 'zod';
import type { ToxicStub } from '../proxy/stub.js';

export interface ToxicType<A extends Record<string, number> = Record<string, number>> {
  /** Toxiproxy's type name, e.g. "latency" */
  readonly type: string;
  /** One line for `describe()` and error messages. */
  readonly summary: string;
  /** The attributes as JSON: integers with Toxiproxy's units and defaults (zero). Strict: unknown keys are errors. */
  readonly schema: z.ZodType<A, z.ZodTypeDef, unknown>;
  pipe(stub: ToxicStub, attributes: A): Promise<void>;
  /** Per-connection state that survives interrupts (limit_data counts bytes already sent). */
  newState?(): unknown;
  /** Called when the toxic is removed from a live link; may close the stub (timeout does). */
  cleanup?(stub: ToxicStub): void;
}

/** Helper so each toxic file keeps its attribute type. */
export function defineToxic<A extends Record<string, number>>(t: ToxicType<A>): ToxicType {
  return t as unknown as ToxicType;
}
