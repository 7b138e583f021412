/**
 * A server process under management: spawn + readiness + the ProcessControl fault surface
 * (kill / stop / restart on the same ports and data dir / pause / resume).
 * Server modules describe HOW to spawn and WHAT ready means; this class does the rest.
 */
import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { logTail } from './logs.js';
import { EnvironmentStartError } from '../errors.js';
import type { ProcessControl } from '../runtime/types.js';
import type { WaitStrategy } from '../runtime/wait.js';
import { spawnServer, type ExitInfo, type ServerProcess, type SpawnOptions } from './spawn.js';

export interface ManagedProcessOptions {
  spawn: SpawnOptions;
  /** What "ready" means for one start. `fromByte` is the log size before this start. */
  readiness: (start: { fromByte: number; proc: ServerProcess }) => WaitStrategy;
  /** Graceful stop signal (PostgreSQL: SIGINT = fast shutdown). Default SIGTERM. */
  stopSignal?: NodeJS.Signals;
  /** Graceful stop by closing stdin instead of a signal (kcat -P blocks in read() and ignores SIGTERM until input ends). */
  stopByClosingStdin?: boolean;
  /** Then SIGKILL. Default 10 s. */
  stopTimeoutMs?: number;
  /** Readiness budget for restarts. Default 30 s. */
  restartTimeoutMs?: number;
  /** Set when restart cannot keep the same endpoints/data (e.g. the Kafka mock): restart() throws this reason. */
  restartUnsupported?: string;
  /** Called after every successful start (e.g. kcat needs its stdin held). */
  onReady?: (proc: ServerProcess) => void | Promise<void>;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

export class ManagedProcess implements ProcessControl {
  private proc: ServerProcess | undefined;
  private readonly options: ManagedProcessOptions;

  private constructor(options: ManagedProcessOptions) {
    this.options = options;
  }

  /** Spawns and waits until ready or `deadline` (epoch ms). On failure the process is killed. */
  static async start(options: ManagedProcessOptions, deadline: number): Promise<ManagedProcess> {
    const m = new ManagedProcess(options);
    await m.launch(deadline);
    return m;
  }

  get name(): string {
    return this.options.spawn.name;
  }
  get logFile(): string {
    return this.options.spawn.logFile;
  }
  /** The current server process (changes on restart). */
  get current(): ServerProcess {
    if (!this.proc) throw new Error(`${this.name} was never started`);
    return this.proc;
  }
  get id(): string {
    return String(this.current.pid);
  }
  get pid(): number {
    return this.current.pid;
  }
  get running(): boolean {
    return this.proc?.running ?? false;
  }

  private async launch(deadline: number): Promise<void> {
    const { spawn, readiness } = this.options;
    const fromByte = await fileSize(spawn.logFile);
    const proc = await spawnServer(spawn);
    this.proc = proc;
    const ac = new AbortController();
    let settled = false;
    void proc.exited.then(async (info: ExitInfo) => {
      if (settled) return; // a later exit (stop, kill) is not a start failure
      const tail = await logTail(spawn.logFile, fromByte);
      ac.abort(
        new EnvironmentStartError(
          `${spawn.name} exited (code ${info.code}, signal ${info.signal}) before it was ready.` +
            (tail ? `\n--- last lines of ${spawn.logFile} ---\n${tail}` : ''),
          { fix: `Read the full log at ${spawn.logFile}.` },
        ),
      );
    });
    try {
      await readiness({ fromByte, proc }).waitUntil({ deadline, what: spawn.name, logFile: spawn.logFile, signal: ac.signal });
      await this.options.onReady?.(proc);
    } catch (e) {
      await proc.kill('SIGKILL');
      throw e;
    } finally {
      settled = true;
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.proc) await this.proc.kill(signal);
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc?.running) return;
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000;
    if (this.options.stopByClosingStdin && proc.stdin) {
      proc.stdin.end();
      if (proc.paused) proc.resume();
      const gone = await Promise.race([proc.exited.then(() => true), sleep(timeoutMs, false, { ref: false })]);
      if (!gone) await proc.kill('SIGKILL');
      return;
    }
    await proc.stop(this.options.stopSignal ?? 'SIGTERM', timeoutMs);
  }

  async restart(): Promise<void> {
    if (this.options.restartUnsupported) {
      throw new EnvironmentStartError(`${this.name}: restart is not supported: ${this.options.restartUnsupported}`, {
        fix: 'Use kill/pause/resume on it, or a link fault (down) on the edge to it.',
      });
    }
    await this.stop();
    await this.launch(Date.now() + (this.options.restartTimeoutMs ?? 30_000));
  }

  async pause(): Promise<void> {
    this.proc?.pause();
  }

  async resume(): Promise<void> {
    this.proc?.resume();
  }
}
