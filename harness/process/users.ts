/** Looking up a system user (PostgreSQL's data dir must belong to user postgres). */
import { readFile } from 'node:fs/promises';
import { EnvironmentStartError } from '../errors.js';

export interface UserIds {
  uid: number;
  gid: number;
}

export async function userIds(name: string, passwd = '/etc/passwd'): Promise<UserIds> {
  const text = await readFile(passwd, 'utf8');
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f[2] !== undefined && f[3] !== undefined) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  throw new EnvironmentStartError(`The system user "${name}" does not exist (looked in ${passwd}).`, {
    fix: `Install the package that creates it (apt-get install -y postgresql) or run as that user.`,
  });
}

/** True when this process runs as root (then servers that refuse root get --reuid). */
export const isRoot = (): boolean => process.getuid?.() === 0;
