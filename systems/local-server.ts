/**
 * The steps every local-process server driver shares: a loopback endpoint on the port the
 * harness chose (or a free one), the log file in the run folder, the process started with the
 * owner stopping it, and the handle over it.
 *
 *   const endpoint = await loopbackEndpoint(ctx);
 *   return startLocalServer(c, ctx, { spawn, readiness }, { version, endpoint, url, dataDir });
 */
import path from 'node:path';
import { LocalServerHandle, ManagedProcess, type LocalHandleOptions, type ManagedProcessOptions } from '../harness/process/index.js';
import { freePort } from '../harness/runtime/ports.js';
import { LOOPBACK, type Endpoint, type StartContext } from '../harness/runtime/types.js';

type Named = { readonly name: string; readonly kind: string };

/** 127.0.0.1 and the "main" port the harness chose, else a free one. */
export async function loopbackEndpoint(ctx: StartContext): Promise<Endpoint> {
  return { host: LOOPBACK, port: ctx.ports.main ?? (await freePort()) };
}

/** <run log dir>/<name>.log (kept after the run for the report). */
export function serverLogFile(ctx: StartContext, name: string): string {
  return path.join(ctx.owner.logDir, `${name}.log`);
}

/** Starts the process (ready by the deadline); the owner stops it on dispose. */
export async function startOwnedProcess(c: Named, ctx: StartContext, options: ManagedProcessOptions): Promise<ManagedProcess> {
  const proc = await ManagedProcess.start(options, ctx.deadline);
  ctx.owner.defer(`stop ${c.name}`, () => proc.stop());
  return proc;
}

/** The handle options a driver gives; the version may still be on its way (awaited once the process runs). */
export type LocalServerFacts = Omit<LocalHandleOptions, 'name' | 'kind' | 'process' | 'version'> & {
  version: string | Promise<string>;
};

/** startOwnedProcess, then the handle over the process. */
export async function startLocalServer(
  c: Named,
  ctx: StartContext,
  options: ManagedProcessOptions,
  facts: LocalServerFacts,
): Promise<LocalServerHandle> {
  const proc = await startOwnedProcess(c, ctx, options);
  return new LocalServerHandle({ ...facts, name: c.name, kind: c.kind, version: await facts.version, process: proc });
}
