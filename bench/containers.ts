/**
 * Boot time of the same topology (Redis, PostgreSQL, MariaDB, Prometheus, Kafka) on the
 * containers runtime side by side with the local runtime, in the same run, interleaved
 * (local, containers, local, ...) so both see the same machine state. Per run: a fresh owner
 * (and, for containers, a fresh network and fresh containers from the local images), all five
 * started in parallel; "ready" = every start() resolved, "first sample" = Prometheus holds a
 * scraped sample. Median of N. Loading testcontainers and finding the runtime happens once per
 * process and is reported apart (runtimeSetupMs).
 *
 *   pnpm exec tsx bench/containers.ts       # CONTAINERS_BENCH_RUNS=3 by default
 *   pnpm bench containers
 *
 * Writes bench/out/containers.json. Without a container runtime it records why and skips.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { detectContainerRuntime } from '../harness/runtime/containers/detect.js';
import { loadProjectPodmanEnv } from '../harness/runtime/containers/env.js';
import { applyTestcontainersDefaults } from '../harness/runtime/containers/session.js';
import { createOwner } from '../harness/runtime/owner.js';
import { freePorts } from '../harness/runtime/ports.js';
import type { Component, RuntimeKind } from '../harness/runtime/types.js';
import { KafkaServer, MariaDbServer, PostgresServer, PrometheusServer, RedisServer } from '../systems/index.js';
import { firstSample, stats } from './lib.js';

const builders: Record<string, () => Component> = {
  prometheus: () => new PrometheusServer().withScrapeInterval(1),
  redis: () => new RedisServer(),
  postgres: () => new PostgresServer(),
  mariadb: () => new MariaDbServer(),
  kafka: () => new KafkaServer(),
};

interface OneRun {
  readyMs: number;
  firstSampleMs: number;
  perServerMs: Record<string, number>;
  teardownMs: number;
  notes: Record<string, string>;
  runtimes: Record<string, RuntimeKind>;
}

async function bootOnce(runtime: RuntimeKind, logRoot: string): Promise<OneRun> {
  const owner = await createOwner({ logDir: await mkdtemp(path.join(logRoot, `${runtime}-`)) });
  const perServerMs: Record<string, number> = {};
  const notes: Record<string, string> = {};
  const runtimes: Record<string, RuntimeKind> = {};
  try {
    const t0 = performance.now();
    const started = await Promise.all(
      Object.entries(builders).map(async ([name, make]) => {
        const c = make();
        const s = await c.start({ runtime, owner, ports: await freePorts(c.portNames), deps: {}, deadline: Date.now() + 120_000 });
        perServerMs[name] = Math.round(performance.now() - t0);
        runtimes[name] = s.runtime;
        if (s.note) notes[name] = s.note;
        return [name, s] as const;
      }),
    );
    const readyMs = performance.now() - t0;
    await firstSample(Object.fromEntries(started).prometheus!, Date.now() + 30_000);
    const firstSampleMs = performance.now() - t0;
    const t1 = performance.now();
    await owner.dispose();
    return { readyMs, firstSampleMs, perServerMs, teardownMs: performance.now() - t1, notes, runtimes };
  } catch (e) {
    await owner.dispose().catch(() => undefined);
    throw e;
  }
}

export async function runContainersBench(): Promise<object> {
  loadProjectPodmanEnv();
  applyTestcontainersDefaults();
  const runs = Number(process.env.CONTAINERS_BENCH_RUNS ?? 3);
  const t0 = performance.now();
  const detected = await detectContainerRuntime();
  const runtimeSetupMs = Math.round(performance.now() - t0);
  const base = {
    schema: 'archtdd.bench.containers/v1',
    at: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    topology: Object.keys(builders),
    runsPerRuntime: runs,
  };
  if (!detected.available) {
    const result = { ...base, skipped: `no container runtime answered (${detected.reason})` };
    await write(result);
    return result;
  }
  const logRoot = await mkdtemp(path.join(tmpdir(), 'archtdd-bench-containers-'));
  const by: Record<'local' | 'containers', OneRun[]> = { local: [], containers: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const rt of ['local', 'containers'] as const) {
        const r = await bootOnce(rt, logRoot);
        by[rt].push(r);
        process.stdout.write(`${rt.padEnd(10)} run ${i + 1}: ready ${Math.round(r.readyMs)} ms, first sample ${Math.round(r.firstSampleMs)} ms\n`);
      }
    }
  } finally {
    await rm(logRoot, { recursive: true, force: true });
  }
  const summarise = (xs: OneRun[]) => ({
    readyMs: stats(xs.map((r) => r.readyMs)),
    firstSampleMs: stats(xs.map((r) => r.firstSampleMs)),
    teardownMs: stats(xs.map((r) => r.teardownMs)),
    perServerMs: Object.fromEntries(Object.keys(builders).map((n) => [n, stats(xs.map((r) => r.perServerMs[n]!))])),
    runtimes: xs[0]!.runtimes,
    notes: xs[0]!.notes,
  });
  const local = summarise(by.local);
  const containers = summarise(by.containers);
  const result = {
    ...base,
    containerRuntime: detected.description,
    runtimeSetupMs,
    local,
    containers,
    ratio: { ready: +(containers.readyMs.median / local.readyMs.median).toFixed(2), firstSample: +(containers.firstSampleMs.median / local.firstSampleMs.median).toFixed(2) },
  };
  await write(result);
  process.stdout.write(
    `\nmedian ready: local ${local.readyMs.median} ms, containers ${containers.readyMs.median} ms (x${result.ratio.ready}); ` +
      `first sample: local ${local.firstSampleMs.median} ms, containers ${containers.firstSampleMs.median} ms\n`,
  );
  return result;
}

async function write(result: object): Promise<void> {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'out');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'containers.json'), `${JSON.stringify(result, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runContainersBench();
  process.exit(0);
}
