/**
 * Data-dir templates: initdb (~0.5-3 s) and mariadb-install-db (~0.6-2.6 s) produce the same
 * files every time for the same binary and options, so the first start on a machine keeps a
 * copy and later starts copy it (`cp -a`, ~0.1-0.5 s), like a container image holds its
 * initialised data. Every run still gets its own fresh, private data dir.
 *
 * Cache: $ARCHTDD_CACHE_DIR, else .archtdd/cache under the working directory.
 * Disable with ARCHTDD_NO_TEMPLATES=1 (then every start runs the init command).
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';

export function cacheDir(): string {
  return process.env.ARCHTDD_CACHE_DIR ?? path.resolve('.archtdd', 'cache');
}

export const templatesEnabled = (): boolean => process.env.ARCHTDD_NO_TEMPLATES !== '1';

/** A cache key from a name and everything that shapes the init output. */
export function templateKey(name: string, parts: readonly unknown[]): string {
  const hash = createHash('sha256').update(JSON.stringify([...parts, process.getuid?.() ?? -1])).digest('hex').slice(0, 16);
  return `${name}-${hash}`;
}

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** cp -a keeps owners and modes (PostgreSQL's data dir must stay 0700 and owned by postgres). */
async function copyTree(from: string, to: string): Promise<void> {
  await execa('cp', ['-a', '--reflink=auto', from, to], { timeout: 60_000 });
}

export interface TemplateOutcome {
  /** 'copied' from the cache, or 'built' by the init command (and stored for next time). */
  source: 'copied' | 'built';
}

/**
 * Fills `dataDir` (which must not exist yet): from the cached template when there is one,
 * else by running `init(dataDir)` and then storing a copy. Storing is best-effort (a full disk
 * or a race with another run only costs the next start its speed-up).
 */
export async function initFromTemplate(key: string, dataDir: string, init: (dataDir: string) => Promise<void>): Promise<TemplateOutcome> {
  const tpl = path.join(cacheDir(), key);
  if (templatesEnabled() && (await exists(path.join(tpl, '.complete')))) {
    await copyTree(path.join(tpl, 'data'), dataDir);
    return { source: 'copied' };
  }
  await init(dataDir);
  if (templatesEnabled()) {
    const tmp = `${tpl}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
    try {
      await mkdir(tmp, { recursive: true });
      await copyTree(dataDir, path.join(tmp, 'data'));
      await writeFile(path.join(tmp, '.complete'), new Date().toISOString());
      await rename(tmp, tpl);
    } catch {
      // Another run stored it first, or the cache is not writable: keep going without.
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
  return { source: 'built' };
}
