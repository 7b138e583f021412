/**
 * Where no image can be had for one server (Kafka and Toxiproxy cannot be built on machines
 * without a registry), the containers runtime runs the local equivalent for that one server
 * and says so: the handle's `note` (shown in the report's run facts, e.g.
 * "kafka: local mock (no image)") and one line on stderr. Never silently.
 */
import type { StartedComponent } from '../types.js';

/** The same handle with `note` set; everything else (methods, getters) delegates to it. */
export function withNote<S extends StartedComponent>(handle: S, note: string): S {
  return new Proxy(handle, {
    get(target, prop) {
      if (prop === 'note') return note;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export function announceSubstitution(name: string, note: string, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): void {
  log(`archtdd: ${name}: ${note}`);
}
