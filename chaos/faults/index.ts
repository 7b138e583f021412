/**
 * The fault API for suites. Link faults take `{ stream?, toxicity? }`; every apply() returns an
 * AsyncDisposable that rolls back:
 *
 *   await using f = await Fault.latency({ latencyMs: 200 }).apply(env.link('catalog->redis'));
 *   expect((await f.observe()).observed).toBe(true);
 *
 * Faults are also registered by kind, so `archtdd chaos --fault latency:latencyMs=300` can build one.
 */
import { InvalidConfigError } from '../../harness/errors.js';
import { bandwidth } from './bandwidth.js';
import { down } from './down.js';
import { kill } from './kill.js';
import { latency } from './latency.js';
import { limitData } from './limit-data.js';
import { pause } from './pause.js';
import { resetPeer } from './reset-peer.js';
import { slicer } from './slicer.js';
import { slowClose } from './slow-close.js';
import { stopStart } from './stop-start.js';
import { timeout } from './timeout.js';
import type { ChaosFault } from './types.js';

export const Fault = {
  latency,
  down,
  bandwidth,
  timeout,
  resetPeer,
  slowClose,
  slicer,
  limitData,
  kill,
  stopStart,
  pause,
} as const;

type Factory = (params: never) => ChaosFault;

const registry = new Map<string, Factory>([
  ['latency', latency],
  ['down', down],
  ['bandwidth', bandwidth],
  ['timeout', timeout],
  ['reset_peer', resetPeer],
  ['slow_close', slowClose],
  ['slicer', slicer],
  ['limit_data', limitData],
  ['kill', kill],
  ['stop_start', stopStart],
  ['pause', pause],
]);

export function faultKinds(): string[] {
  return [...registry.keys()];
}

/** Build a fault from its kind and params (as written in a journal record or a --fault override). */
export function createFault(kind: string, params: Record<string, unknown> = {}): ChaosFault {
  const f = registry.get(kind);
  if (!f) {
    throw new InvalidConfigError([{ path: `fault "${kind}"`, message: 'is not a known fault kind.', fix: `Use one of: ${faultKinds().join(', ')}.` }]);
  }
  const fault = f(params as never);
  const problems = fault.validate?.() ?? [];
  if (problems.length) throw new InvalidConfigError(problems.map((message) => ({ path: `fault "${kind}"`, message })));
  return fault;
}

export type { ChaosAppliedFault, ChaosFault, LinkFaultOptions, ProcessTarget } from './types.js';
