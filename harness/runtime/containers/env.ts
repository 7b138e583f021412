/**
 * The env scripts/podman/setup.sh writes (.podman/env: DOCKER_HOST, TESTCONTAINERS_*,
 * CONTAINERS_*). `loadProjectPodmanEnv()` applies it to this process when DOCKER_HOST is not
 * set already and the socket exists, so tests and benches find the project's podman without
 * a wrapper. The CLI does not call it: `--runtime auto` only follows the user's own env.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectPodmanDir(): string {
  return process.env.ARCHTDD_PODMAN_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../.podman');
}

/** Parses KEY=VALUE lines (no quoting; the file is written by setup.sh). */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) out[m[1]!] = m[2]!.trim();
  }
  return out;
}

/** Returns the applied env, or undefined when DOCKER_HOST was set already or no project podman exists. */
export function loadProjectPodmanEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> | undefined {
  if (env.DOCKER_HOST) return undefined;
  const file = path.join(projectPodmanDir(), 'env');
  if (!existsSync(file)) return undefined;
  const vars = parseEnvFile(readFileSync(file, 'utf8'));
  const sock = vars.DOCKER_HOST?.replace(/^unix:\/\//, '');
  if (!sock || !existsSync(sock)) return undefined;
  for (const [k, v] of Object.entries(vars)) env[k] ??= v;
  return vars;
}
