/**
 * ProcessControl for a container: kill (docker kill), stop / restart (container stop / start on
 * the SAME host ports: the harness binds fixed 127.0.0.1 ports, so a restart cannot remap them,
 * and the container's writable layer keeps its data), pause / resume (cgroup freezer).
 * Readiness after a restart re-runs the start's wait strategy on logs since the restart.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BoundPorts, WaitStrategy } from 'testcontainers';
import { FaultError } from '../../errors.js';
import type { ProcessControl } from '../types.js';
import { testcontainers, type ContainerRuntimeClient } from './client.js';

export interface ContainerControlOptions {
  client: ContainerRuntimeClient;
  id: string;
  /** For messages, e.g. "redis". */
  name: string;
  /** The start's wait strategy, reused after restart. */
  waitStrategy: WaitStrategy;
  boundPorts: BoundPorts;
  /** Seconds `stop()` waits before SIGKILL (default 10). */
  stopTimeoutSeconds?: number;
  /** Extra readiness after a restart (e.g. an HTTP check on a host-network container). */
  afterRestart?: () => Promise<void>;
}

export class ContainerProcessControl implements ProcessControl {
  readonly id: string;
  private isRunning = true;
  private readonly o: ContainerControlOptions;

  constructor(o: ContainerControlOptions) {
    this.o = o;
    this.id = o.id;
  }

  get running(): boolean {
    return this.isRunning;
  }

  private get container() {
    return this.o.client.container.getById(this.id);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.guard('kill', () => this.container.kill({ signal }));
    await this.waitGone(signal === 'SIGKILL' ? 10_000 : 30_000, `kill -${signal}`);
  }

  async stop(): Promise<void> {
    if (!this.isRunning && !(await this.inspectRunning())) return;
    await this.guard('stop', () => this.container.stop({ t: this.o.stopTimeoutSeconds ?? 10 }), /not running|304/i);
    await this.waitGone((this.o.stopTimeoutSeconds ?? 10) * 1000 + 5000, 'stop');
  }

  async restart(): Promise<void> {
    if (await this.inspectRunning()) await this.stop();
    const since = new Date();
    await this.guard('start', () => this.container.start());
    this.isRunning = true;
    const tc = await testcontainers();
    await tc.waitForContainer(this.o.client, this.container, this.o.waitStrategy, this.o.boundPorts, since);
    await this.o.afterRestart?.();
  }

  async pause(): Promise<void> {
    await this.guard('pause', () => this.container.pause());
  }

  async resume(): Promise<void> {
    await this.guard('unpause', () => this.container.unpause());
  }

  private async inspectRunning(): Promise<boolean> {
    try {
      const info = await this.container.inspect();
      this.isRunning = Boolean(info.State?.Running);
    } catch {
      this.isRunning = false;
    }
    return this.isRunning;
  }

  private async waitGone(limitMs: number, what: string): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (await this.inspectRunning()) {
      if (Date.now() > deadline) {
        throw new FaultError(`${what} of container ${this.o.name} (${this.id.slice(0, 12)}): still running after ${limitMs}ms.`, {
          fix: 'Use kill() (SIGKILL), or read the container log.',
        });
      }
      await sleep(50);
    }
  }

  private async guard(action: string, run: () => Promise<unknown>, ignore?: RegExp): Promise<void> {
    try {
      await run();
    } catch (e) {
      if (ignore?.test(String(e))) return;
      throw new FaultError(`docker ${action} of container ${this.o.name} (${this.id.slice(0, 12)}) failed: ${(e as Error).message}`, {
        fix: 'Check that the container still exists (podman ps -a --filter label=archtdd.run) and the runtime answers.',
        cause: e,
      });
    }
  }
}
