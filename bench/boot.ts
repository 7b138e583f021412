/**
 * Boot-time benchmark of the local-process runtime: each server alone, and all five together
 * until Prometheus holds its first scraped sample. Cold = fresh owner, ports, temp dirs and
 * processes on every run (the OS page cache of the binaries stays warm). Median of N runs.
 *
 *   pnpm exec tsx bench/boot.ts            # 5 runs, writes bench/out/boot.json, prints a table
 *   BOOT_RUNS=9 pnpm exec tsx bench/boot.ts
 *
 * Target: all five + first sample <= 6000 ms on the 2-core CI machine.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createOwner } from '../harness/runtime/owner.js';
import { freePorts } from '../harness/runtime/ports.js';
import type { Component, StartContext } from '../harness/runtime/types.js';
import { KafkaServer, MariaDbServer, PostgresServer, PrometheusServer, RedisServer } from '../systems/index.js';
import { firstSample, stats, type Stats } from './lib.js';

export type { Stats } from './lib.js';

export const BOOT_TARGET_MS = 6000;

const builders: Record<string, () => Component> = {
  redis: () => new RedisServer(),
  postgres: () => new PostgresServer(),
  mariadb: () => new MariaDbServer(),
  prometheus: () => new PrometheusServer().withScrapeInterval(1),
  kafka: () => new KafkaServer(),
};

async function withOwner<T>(logRoot: string, fn: (ctx: (c: Component) => Promise<StartContext>) => Promise<T>): Promise<T> {
  const owner = await createOwner({ logDir: await mkdtemp(path.join(logRoot, 'run-')) });
  try {
    return await fn(async (c) => ({
      runtime: 'local',
      owner,
      ports: await freePorts(c.portNames),
      deps: {},
      deadline: Date.now() + 60_000,
    }));
  } finally {
    await owner.dispose();
  }
}

/** ms from start() to ready of one fresh component, under a fresh owner. */
const timeOneStart = (logRoot: string, make: () => Component): Promise<number> =>
  withOwner(logRoot, async (ctx) => {
    const c = make();
    const context = await ctx(c);
    const t0 = performance.now();
    await c.start(context);
    return performance.now() - t0;
  });

export interface BootBenchResult {
  schema: 'archtdd.bench.boot/v1';
  at: string;
  machine: { cpus: number; node: string };
  runsPerCase: number;
  /** ms from start() to ready, per server alone. */
  alone: Record<string, Stats>;
  /** ms from start() to ready with no data-dir template yet (first start on a machine: runs initdb / install-db). */
  withoutTemplate: Record<string, Stats>;
  /** ms until all five were ready (started in parallel, Prometheus first). */
  allReady: Stats;
  /** ms until all five were ready AND Prometheus held its first scraped sample. */
  allPlusFirstSample: Stats;
  targetMs: number;
  targetMet: boolean;
}

/** Runs the benchmark, writes bench/out/boot.json and prints the table (unless `print: false`). */
export async function runBootBench(options: { runs?: number; out?: string; print?: boolean } = {}): Promise<BootBenchResult> {
  const runs = options.runs ?? Number(process.env.BOOT_RUNS ?? 5);
  const logRoot = await mkdtemp(path.join(tmpdir(), 'archtdd-bench-boot-'));
  try {
    const alone: Record<string, Stats> = {};
    for (const [name, make] of Object.entries(builders)) {
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        xs.push(await timeOneStart(logRoot, make));
      }
      alone[name] = stats(xs);
    }

    // First start on a machine: an empty template cache, so the init command runs.
    const withoutTemplate: Record<string, Stats> = {};
    const savedCache = process.env.ARCHTDD_CACHE_DIR;
    try {
      for (const name of ['postgres', 'mariadb']) {
        const xs: number[] = [];
        for (let i = 0; i < runs; i++) {
          process.env.ARCHTDD_CACHE_DIR = await mkdtemp(path.join(logRoot, 'cache-'));
          xs.push(await timeOneStart(logRoot, builders[name]!));
        }
        withoutTemplate[name] = stats(xs);
      }
    } finally {
      if (savedCache === undefined) delete process.env.ARCHTDD_CACHE_DIR;
      else process.env.ARCHTDD_CACHE_DIR = savedCache;
    }

    const ready: number[] = [];
    const sample: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [r, s] = await withOwner(logRoot, async (ctx) => {
        const comps = Object.values(builders).map((m) => m());
        const contexts = await Promise.all(comps.map(ctx));
        const t0 = performance.now();
        const started = await Promise.all(comps.map((c, j) => c.start(contexts[j]!)));
        const tReady = performance.now() - t0;
        await firstSample(started.find((x) => x.kind === 'prometheus')!, Date.now() + 30_000);
        return [tReady, performance.now() - t0] as const;
      });
      ready.push(r);
      sample.push(s);
    }

    const allPlusFirstSample = stats(sample);
    const result: BootBenchResult = {
      schema: 'archtdd.bench.boot/v1',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      runsPerCase: runs,
      alone,
      withoutTemplate,
      allReady: stats(ready),
      allPlusFirstSample,
      targetMs: BOOT_TARGET_MS,
      targetMet: allPlusFirstSample.median <= BOOT_TARGET_MS,
    };
    const out = options.out ?? fileURLToPath(new URL('./out/boot.json', import.meta.url));
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    if (options.print !== false) process.stdout.write(`${formatBootTable(result)}\n`);
    return result;
  } finally {
    await rm(logRoot, { recursive: true, force: true });
  }
}

export function formatBootTable(r: BootBenchResult): string {
  const row = (label: string, s: Stats) =>
    `| ${label.padEnd(42)} | ${String(s.median).padStart(7)} | ${String(s.min).padStart(7)} | ${String(s.max).padStart(7)} |`;
  return [
    `Boot time, local-process runtime, ms (median of ${r.runsPerCase} cold runs; ${r.machine.cpus} cores, Node ${r.machine.node})`,
    `| ${'case'.padEnd(42)} | ${'median'.padStart(7)} | ${'min'.padStart(7)} | ${'max'.padStart(7)} |`,
    `|${'-'.repeat(44)}|${'-'.repeat(9)}|${'-'.repeat(9)}|${'-'.repeat(9)}|`,
    ...Object.entries(r.alone).map(([n, s]) => row(`${n} alone (ready)`, s)),
    ...Object.entries(r.withoutTemplate).map(([n, s]) => row(`${n} alone, no template (first start)`, s)),
    row('all five (ready)', r.allReady),
    row('all five + first Prometheus sample', r.allPlusFirstSample),
    '',
    `target: all five + first sample <= ${r.targetMs} ms: ${r.targetMet ? 'MET' : 'NOT MET'}`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runBootBench();
}
