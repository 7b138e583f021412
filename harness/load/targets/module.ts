/**
 * A target a worker thread can rebuild: a module URL and an export that is either a
 * Target or an async iteration function. Each thread imports the module itself, so
 * clients (a Kafka producer, a Redis connection) are per thread.
 */
import type { Target, TargetFn } from '../types.js';

export function moduleTarget(module: string | URL, exportName = 'default'): Target {
  const url = String(module);
  let loaded: Promise<Target> | undefined;
  const load = (): Promise<Target> =>
    (loaded ??= import(url).then((m: Record<string, unknown>) => {
      const v = m[exportName] as Target | TargetFn | undefined;
      if (typeof v === 'function') return { kind: 'function', run: v };
      if (v && typeof v.run === 'function') return v;
      throw new TypeError(`Module ${url} has no export "${exportName}" that is a target or an async function.`);
    }));
  return {
    kind: 'module',
    spec: { kind: 'module', module: url, export: exportName },
    run: async (ctx) => (await load()).run(ctx),
    close: async () => {
      if (loaded) await (await loaded).close?.();
    },
  };
}
