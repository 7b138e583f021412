/** host:port strings as Toxiproxy takes them ("127.0.0.1:0", ":0", "localhost:8080", "[::1]:0"). */
import { ApiError, Errors } from './errors.js';

export interface HostPort {
  host: string;
  port: number;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '']);

export function parseHostPort(value: string, field: string): HostPort {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(value);
  if (!m) throw Errors.badRequestBody.with(`${field} "${value}" is not host:port`);
  const port = Number(m[3]);
  if (port > 65535) throw Errors.badRequestBody.with(`${field} "${value}": port ${port} > 65535`);
  return { host: m[1] ?? m[2] ?? '', port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The address a proxy binds. An empty host (":0") binds 127.0.0.1 here, not every interface:
 * this proxy serves loopback only unless the server was started with allowNonLoopback.
 */
export function listenAddress(value: string, allowNonLoopback: boolean): HostPort {
  const hp = parseHostPort(value || '127.0.0.1:0', 'listen');
  const host = hp.host === '' || hp.host === 'localhost' ? '127.0.0.1' : hp.host;
  if (!allowNonLoopback && !LOOPBACK_NAMES.has(host)) {
    throw new ApiError(
      `listen "${value}" is not a loopback address; this proxy binds 127.0.0.1 or ::1 only (start it with allowNonLoopback to bind ${host})`,
      400,
    );
  }
  return { host, port: hp.port };
}
