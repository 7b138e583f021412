/**
 * Spawning one server process the way this machine needs it:
 *   - always through `setpriv --pdeathsig TERM --` so it dies with its Node parent (even on SIGKILL),
 *     plus `--reuid/--regid/--init-groups` to run as another user (PostgreSQL refuses root),
 *   - in its own process group (signals for kill/pause reach its children too),
 *   - stdout and stderr appended to a log file,
 *   - its real pid (setpriv execs the server) recorded in the pid registry with its start time.
 */
import { closeSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Writable } from 'node:stream';
import { isMainThread } from 'node:worker_threads';
import { execa, type Options } from 'execa';
import { EnvironmentStartError } from '../errors.js';
import { logTail } from './logs.js';
import { ownStartTime, readStat } from './procfs.js';
import { removeRecord, writeRecord, type PidRecord } from './registry.js';

export interface SpawnOptions {
  /** Short name for logs and errors, e.g. "redis". */
  name: string;
  /** Absolute path of the binary (see harness/runtime/binaries.ts). */
  command: string;
  args: readonly string[];
  /** Appended to; created if missing. */
  logFile: string;
  cwd?: string;
  /** Added to the parent's environment. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Run as this user (setpriv --reuid/--regid/--init-groups). */
  user?: string;
  /** 'pipe' keeps stdin open (kcat's mock cluster lives as long as its stdin). Default 'ignore'. */
  stdin?: 'ignore' | 'pipe';
  /** Pid registry dir (default: the state dir). */
  stateDir?: string;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly startTime: number;
  readonly logFile: string;
  /** Resolves (never rejects) once the process has exited and been reaped. */
  readonly exited: Promise<ExitInfo>;
  readonly running: boolean;
  readonly paused: boolean;
  /** Present when spawned with stdin: 'pipe'. */
  readonly stdin: Writable | undefined;
  /** Sends a signal to the process, or to its whole group. Ignores "no such process". */
  signal(signal: NodeJS.Signals, options?: { group?: boolean }): void;
  /** Sends `signal`, waits up to `timeoutMs`, then SIGKILLs the group. Resolves when it is gone. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ExitInfo>;
  /** SIGKILL (or `signal`) to the whole group; resolves when the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<ExitInfo>;
  /** SIGSTOP / SIGCONT to the whole group. */
  pause(): void;
  resume(): void;
}

const SETPRIV = '/usr/bin/setpriv';

export function wrapperArgs(options: Pick<SpawnOptions, 'command' | 'args' | 'user'>): string[] {
  const user = options.user ? [`--reuid=${options.user}`, `--regid=${options.user}`, '--init-groups'] : [];
  return ['--pdeathsig', 'TERM', ...user, '--', options.command, ...options.args];
}

/**
 * pdeathsig fires when the parent THREAD exits: spawned from a worker thread, a server would
 * get SIGTERM when that worker ends. So servers are spawned from the main thread only.
 */
function assertMainThread(name: string): void {
  if (!isMainThread) {
    throw new EnvironmentStartError(`${name}: servers must be spawned from the main thread (this is a worker thread).`, {
      fix: 'Start the environment in the main thread; setpriv --pdeathsig would end the server when this worker exits.',
    });
  }
}

export async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  assertMainThread(options.name);
  await mkdir(path.dirname(options.logFile), { recursive: true });
  // The child writes its log straight to the file through an inherited fd (O_APPEND), not
  // through Node streams: logging keeps working however busy this process is.
  // execa's types only list fds 3..9, its runtime takes any fd: hence the cast.
  const fd = openSync(options.logFile, 'a');
  const log = fd as 3;
  const execaOptions = {
      cwd: options.cwd,
      env: options.env as Record<string, string> | undefined,
      stdin: options.stdin ?? 'ignore',
      stdout: log,
      stderr: log,
      detached: true,
      reject: false,
      buffer: false,
    } satisfies Options;
  let child;
  try {
    child = execa(SETPRIV, wrapperArgs(options), execaOptions);
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) {
    const r = await child;
    throw new EnvironmentStartError(`${options.name}: could not spawn ${options.command}: ${r.message}`, {
      fix: 'Check that util-linux (setpriv) and the server binary are installed.',
    });
  }

  let running = true;
  let paused = false;
  const exited: Promise<ExitInfo> = child.then((r) => {
    running = false;
    return { code: r.exitCode ?? null, signal: r.signal ?? null };
  });

  // Record the real pid with its start time (setpriv execs the server: same pid, same start time).
  const stat = await readStat(pid);
  const record: PidRecord = {
    type: 'process',
    pid,
    startTime: stat?.startTime ?? -1,
    pgid: pid,
    ownerPid: process.pid,
    ownerStartTime: await ownStartTime(),
    name: options.name,
    command: [options.command, ...options.args].join(' '),
    recordedAt: new Date().toISOString(),
  };
  if (stat) await writeRecord(record, options.stateDir);
  void exited.then(() => removeRecord(record, options.stateDir).catch(() => undefined));

  const signal = (sig: NodeJS.Signals, opts?: { group?: boolean }): void => {
    try {
      process.kill(opts?.group ? -pid : pid, sig);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
    }
  };

  const waitExit = async (timeoutMs: number): Promise<ExitInfo | undefined> => {
    const ac = new AbortController();
    try {
      return await Promise.race([exited, sleep(timeoutMs, undefined, { signal: ac.signal }).catch(() => undefined)]);
    } finally {
      ac.abort();
    }
  };

  const proc: ServerProcess = {
    name: options.name,
    pid,
    startTime: record.startTime,
    logFile: options.logFile,
    exited,
    get running() {
      return running;
    },
    get paused() {
      return paused;
    },
    stdin: child.stdin ?? undefined,
    signal,
    async stop(sig: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000) {
      if (!running) return exited;
      signal(sig);
      // A stopped process only acts on the signal once continued.
      if (paused) proc.resume();
      const info = (await waitExit(timeoutMs)) ?? (await proc.kill('SIGKILL'));
      signal('SIGKILL', { group: true }); // stragglers in its group
      return info;
    },
    async kill(sig: NodeJS.Signals = 'SIGKILL') {
      if (!running) return exited;
      signal(sig, { group: true });
      if (sig !== 'SIGKILL' && paused) proc.resume();
      const info = await exited;
      paused = false;
      return info;
    },
    pause() {
      signal('SIGSTOP', { group: true });
      paused = true;
    },
    resume() {
      signal('SIGCONT', { group: true });
      paused = false;
    },
  };
  return proc;
}

/**
 * Runs a one-shot setup command (initdb, mariadb-install-db) to completion under the same
 * wrapper (pdeathsig, optional user), output appended to the log. Throws EnvironmentStartError
 * with the log's last lines when it fails or outlives `timeoutMs`.
 */
export async function runOnce(options: SpawnOptions & { timeoutMs: number }): Promise<void> {
  await mkdir(path.dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  const log = fd as 3;
  let child;
  try {
    child = execa(SETPRIV, wrapperArgs(options), {
      cwd: options.cwd,
      env: options.env as Record<string, string> | undefined,
      stdin: 'ignore',
      stdout: log,
      stderr: log,
      reject: false,
      buffer: false,
      timeout: options.timeoutMs,
    });
  } finally {
    closeSync(fd);
  }
  const r = await child;
  if (r.failed) {
    const tail = await logTail(options.logFile);
    throw new EnvironmentStartError(
      `${options.name}: "${path.basename(options.command)}" failed` +
        (r.timedOut ? ` (still running after ${options.timeoutMs}ms)` : ` (exit code ${r.exitCode}, signal ${r.signal})`) +
        (tail ? `\n--- last lines of ${options.logFile} ---\n${tail}` : ''),
      { fix: `Read the full log at ${options.logFile}.` },
    );
  }
}
