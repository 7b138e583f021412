/**
 * The leak test for containers: a runner SIGKILLed mid-run cannot remove its containers (no
 * Ryuk here, and containers do not die with their owner), so the next start's reaper must:
 * every container and the network of the dead run are gone after it, and a live run's are kept.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { containerClient } from '../../../harness/runtime/containers/client.js';
import { reapContainers } from '../../../harness/runtime/containers/reaper.js';
import { createOwner, type Owner } from '../../../harness/runtime/owner.js';
import { RedisServer } from '../../../systems/index.js';
import { containersContext, dockerAvailable } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface ChildReport {
  runId: string;
  pid: number;
  containers: string[];
  network: string;
}

describe.skipIf(!dockerAvailable)('containers left by a SIGKILLed run', () => {
  let live: Owner | undefined;
  afterAll(async () => {
    await live?.dispose();
  });

  it('are removed by the next start’s reaper, with their network; a live run’s are kept', async () => {
    // node --import tsx, not the tsx wrapper: the wrapper runs the script in a grandchild that a
    // SIGKILL of the wrapper would not reach.
    const child = execa(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/hold-containers.ts')], {
      reject: false,
      buffer: false,
      stderr: 'inherit',
    });
    const report = await new Promise<ChildReport>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const line = out.split('\n').find((l) => l.startsWith('{'));
        if (line) resolve(JSON.parse(line) as ChildReport);
      });
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before reporting: ${out}`)));
    });
    expect(report.containers).toHaveLength(2);

    // A live run of our own, started before the reap: it must survive it.
    live = await createOwner();
    const server = new RedisServer().withName('live');
    const liveRedis = await server.start(await containersContext(live, server));

    expect(report.pid).toBe(child.pid);
    child.kill('SIGKILL');
    await child;
    const docker = (await containerClient()).container.dockerode;
    for (const id of report.containers) {
      expect((await docker.getContainer(id).inspect()).State.Running, 'containers outlive a SIGKILLed owner').toBe(true);
    }

    const result = await reapContainers(docker);
    expect(result.errors).toEqual([]);
    // Leftovers of other dead runs (a crashed earlier test) may go too; the child's must all go.
    expect(result.removedContainers.map((c) => c.id)).toEqual(expect.arrayContaining(report.containers));
    expect(result.removedContainers.filter((c) => c.runId === report.runId)).toHaveLength(2);
    expect(result.removedNetworks.map((n) => n.name)).toContain(report.network);
    for (const id of report.containers) {
      await expect(docker.getContainer(id).inspect()).rejects.toThrow(/no such container|404/i);
    }
    expect((await docker.getContainer(liveRedis.process!.id).inspect()).State.Running).toBe(true);
  });
});
