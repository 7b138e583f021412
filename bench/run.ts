/**
 * `pnpm bench`: every benchmark in one run, side by side, written to bench/results.json (the
 * README's table is copied from there). Select some with `pnpm bench boot proxy` (names: boot,
 * proxy, load, report, containers): the others keep their earlier results in the file, each
 * with its own `startedAt`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

type Bench = { name: string; module: string; fn: string };
const ALL: Bench[] = [
  { name: 'boot', module: './boot.js', fn: 'runBootBench' },
  { name: 'proxy', module: './proxy.js', fn: 'runProxyBench' },
  { name: 'load', module: './load.js', fn: 'runLoadBench' },
  { name: 'report', module: './report.js', fn: 'runReportBench' },
  { name: 'containers', module: './containers.js', fn: 'runContainersBench' },
];

const wanted = process.argv.slice(2);
const selected = wanted.length ? ALL.filter((b) => wanted.includes(b.name)) : ALL;
const earlier = wanted.length ? ((await readFile('bench/results.json', 'utf8').then(JSON.parse, () => ({}))) as Record<string, unknown>) : {};
const results: Record<string, unknown> = {
  ...earlier,
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  startedAt: new Date().toISOString(),
};
for (const b of selected) {
  const t0 = Date.now();
  process.stdout.write(`\n=== bench ${b.name}\n`);
  try {
    const mod = (await import(b.module)) as Record<string, () => Promise<unknown>>;
    results[b.name] = { startedAt: new Date(t0).toISOString(), ...(await mod[b.fn]!()) as object, benchSeconds: (Date.now() - t0) / 1000 };
  } catch (e) {
    results[b.name] = { error: (e as Error).message };
    process.stdout.write(`bench ${b.name} failed: ${(e as Error).message}\n`);
  }
}
results.finishedAt = new Date().toISOString();
await mkdir('bench', { recursive: true });
await writeFile('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write('\nwrote bench/results.json\n');
process.exit(0);
