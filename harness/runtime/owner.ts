/**
 * The run's owner: holds every process, container, proxy and temp dir, and releases them
 * last-in first-out on dispose (each cleanup once, errors collected into one AggregateError).
 *
 *   await using owner = await createOwner({ runId: 'r1' });
 *   const dir = await owner.tempDir('redis');
 *   owner.defer('stop redis', () => redis.stop());
 *
 * Creating an owner first reaps what dead runs left behind (see harness/process/reaper.ts),
 * and records the owner's temp dirs so the next run can remove them after a SIGKILL.
 */
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ownStartTime } from '../process/procfs.js';
import { reapLeftovers } from '../process/reaper.js';
import { removeRecord, writeRecord, type OwnerRecord } from '../process/registry.js';
import type { ResourceOwner } from './types.js';

export interface OwnerOptions {
  runId?: string;
  /** Default: .archtdd/runs/<runId>/logs under the working directory. */
  logDir?: string;
  /** Pid/owner state dir (default: $ARCHTDD_STATE_DIR or .archtdd/pids). */
  stateDir?: string;
  /** Skip the reaper (tests of the reaper itself). Default false. */
  skipReap?: boolean;
}

export interface Owner extends ResourceOwner {
  dispose(): Promise<void>;
  readonly disposed: boolean;
  /** Temp dirs created so far (removed on dispose). */
  readonly tempDirs: readonly string[];
}

export function newRunId(): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${t}-${randomBytes(3).toString('hex')}`;
}

let reaped: Promise<unknown> | undefined;

export async function createOwner(options: OwnerOptions = {}): Promise<Owner> {
  if (!options.skipReap) {
    reaped ??= reapLeftovers(options.stateDir ? { dir: options.stateDir } : {}).catch(() => undefined);
    await reaped;
  }
  const runId = options.runId ?? newRunId();
  const logDir = path.resolve(options.logDir ?? path.join('.archtdd', 'runs', runId, 'logs'));
  await mkdir(logDir, { recursive: true });

  const cleanups: { label: string; run: () => Promise<void> | void }[] = [];
  const tempDirs: string[] = [];
  const record: OwnerRecord = {
    type: 'owner',
    ownerPid: process.pid,
    ownerStartTime: await ownStartTime(),
    runId,
    tempDirs,
    recordedAt: new Date().toISOString(),
  };
  let disposing: Promise<void> | undefined;

  const owner: Owner = {
    runId,
    logDir,
    get disposed() {
      return disposing !== undefined;
    },
    get tempDirs() {
      return [...tempDirs];
    },
    defer(label, cleanup) {
      if (disposing) throw new Error(`Owner of run ${runId} is already disposed; cannot defer "${label}".`);
      cleanups.push({ label, run: cleanup });
    },
    async tempDir(prefix, opts) {
      const dir = await mkdtemp(path.join(tmpdir(), `archtdd-${prefix}-`));
      // mkdtemp makes 0700; shared dirs must be enterable by another user (PostgreSQL runs as postgres).
      if (opts?.shared) await chmod(dir, 0o755);
      tempDirs.push(dir);
      await writeRecord(record, options.stateDir);
      owner.defer(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
      return dir;
    },
    dispose() {
      disposing ??= (async () => {
        const errors: unknown[] = [];
        while (cleanups.length) {
          const c = cleanups.pop()!;
          try {
            await c.run();
          } catch (e) {
            errors.push(new Error(`cleanup "${c.label}" failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
          }
        }
        await removeRecord(record, options.stateDir).catch((e: unknown) => errors.push(e));
        if (errors.length) throw new AggregateError(errors, `${errors.length} cleanup(s) of run ${runId} failed`);
      })();
      return disposing;
    },
    [Symbol.asyncDispose]() {
      return owner.dispose();
    },
  };
  return owner;
}

/**
 * On SIGINT/SIGTERM dispose the owner, then exit 130/143. Returns a function that removes the
 * handlers. Inside a vitest worker `process.exit` is intercepted by vitest (the worker would live
 * on, orphaned, after its runner died), so callers there pass an `exit` that really ends the process.
 */
export function installSignalCleanup(
  owner: Owner,
  log: (msg: string) => void = (m) => process.stderr.write(`${m}\n`),
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    const code = signal === 'SIGINT' ? 130 : 143;
    log(`archtdd: ${signal} received, stopping servers and removing temp dirs...`);
    owner.dispose().then(
      () => exit(code),
      (e: unknown) => {
        log(`archtdd: cleanup errors: ${e instanceof Error ? e.message : String(e)}`);
        exit(code);
      },
    );
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
