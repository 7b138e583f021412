/**
 * Finding server binaries: PATH, /usr/sbin, and /usr/lib/postgresql/<newest>/bin for PostgreSQL.
 * A missing one throws MissingBinaryError naming the Debian package that provides it.
 */
import { access, constants, readdir } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { MissingBinaryError } from '../errors.js';

/** Debian package per binary. */
export const DEBIAN_PACKAGES: Readonly<Record<string, string>> = {
  'redis-server': 'redis-server',
  postgres: 'postgresql',
  initdb: 'postgresql',
  mariadbd: 'mariadb-server',
  'mariadb-install-db': 'mariadb-server',
  prometheus: 'prometheus',
  kcat: 'kcat',
  setpriv: 'util-linux',
};

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function postgresBinDirs(): Promise<string[]> {
  try {
    const versions = (await readdir('/usr/lib/postgresql')).filter((v) => /^\d+$/.test(v));
    versions.sort((a, b) => Number(b) - Number(a));
    return versions.map((v) => `/usr/lib/postgresql/${v}/bin`);
  } catch {
    return [];
  }
}

const cache = new Map<string, Promise<string>>();

export interface ResolveOptions {
  /** Search only these dirs (tests); default PATH, /usr/sbin, /usr/local/sbin and PostgreSQL's bin dirs. */
  searchDirs?: readonly string[];
}

/** Absolute path of `name`, or MissingBinaryError naming its Debian package. Cached per process. */
export function resolveBinary(name: string, options: ResolveOptions = {}): Promise<string> {
  const key = `${name}\0${options.searchDirs?.join(':') ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = locate(name, options.searchDirs);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

async function locate(name: string, searchDirs?: readonly string[]): Promise<string> {
  const dirs = searchDirs ?? [
    ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean),
    '/usr/sbin',
    '/usr/local/sbin',
    ...(name === 'postgres' || name === 'initdb' ? await postgresBinDirs() : []),
  ];
  for (const d of dirs) {
    const f = path.join(d, name);
    if (await isExecutable(f)) return f;
  }
  throw new MissingBinaryError(name, DEBIAN_PACKAGES[name] ?? name);
}

const versions = new Map<string, Promise<string>>();

/**
 * The version a binary prints, e.g. binaryVersion('redis-server', ['--version'], /v=(\S+)/) -> "7.0.15".
 * Cached per binary and args. "unknown" when it prints nothing that matches.
 */
export function binaryVersion(name: string, args: readonly string[], pattern: RegExp): Promise<string> {
  const key = `${name} ${args.join(' ')}`;
  let p = versions.get(key);
  if (!p) {
    p = (async () => {
      const bin = await resolveBinary(name);
      const r = await execa(bin, args, { reject: false, timeout: 10_000, all: true });
      return pattern.exec(String(r.all ?? ''))?.[1] ?? 'unknown';
    })();
    versions.set(key, p);
  }
  return p;
}
