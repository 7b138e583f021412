/** "host:port" <-> Endpoint, IPv6 in brackets. */
import type { Endpoint } from '../harness/runtime/types.js';

export function parseEndpoint(s: string): Endpoint {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`"${s}" is not host:port`);
  return { host: m[1] ?? m[2] ?? '', port: Number(m[3]) };
}

export function formatEndpoint(e: Endpoint): string {
  return e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
}
