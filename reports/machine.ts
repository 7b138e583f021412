/** Facts about the machine and checkout a run happened on, for the journal's run record. */
import os from 'node:os';
import type { RunRecord } from '../harness/journal/schema.js';

export function machineFacts(): RunRecord['machine'] {
  return {
    cpus: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
    hostname: os.hostname(),
  };
}

/** `git rev-parse --short HEAD`, or undefined outside a git checkout. Never throws. */
export async function gitCommit(cwd: string): Promise<string | undefined> {
  try {
    // imported here: vitest loads the reporter for every run, most never write a report
    const { execa } = await import('execa');
    const r = await execa('git', ['rev-parse', '--short', 'HEAD'], { cwd, reject: false, timeout: 5000 });
    return r.exitCode === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
  } catch {
    return undefined;
  }
}
