/**
 * Free TCP ports on 127.0.0.1, chosen in Node (redis --port 0 disables TCP, so servers cannot pick).
 * get-port checks the port is bindable; this module also never hands out the same port twice
 * in one process, so parallel starts cannot collide.
 */
import getPort from 'get-port';
import { LOOPBACK } from './types.js';

const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  const port = await getPort({ host: LOOPBACK, exclude: handedOut });
  handedOut.add(port);
  return port;
}

/** One free port per name, e.g. freePorts(['http', 'admin']) -> { http: 41234, admin: 41235 }. */
export async function freePorts(names: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of names) out[n] = await freePort();
  return out;
}
