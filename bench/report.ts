/**
 * Report rendering benchmark: a journal with 20 SLOs and 100k samples spread over their
 * series, rendered to baseline.html (charts downsampled with LTTB; statistics come from
 * the full data). Goal: <= 1 s and <= 2 MB. Writes bench/out/report.json.
 *
 *   pnpm exec tsx bench/report.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderJson } from '../reports/json-reporter.js';
import { renderMarkdown } from '../reports/markdown-reporter.js';
import { makeSyntheticJournal } from '../reports/synthetic-journal.js';

export const REPORT_GOALS = { renderMs: 1000, htmlBytes: 2 * 1024 * 1024 };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function runReportBench(options: { slos?: number; samples?: number; runs?: number } = {}): Promise<object> {
  const slos = options.slos ?? 20;
  const samples = options.samples ?? 100_000;
  const runs = options.runs ?? 5;
  const journal = makeSyntheticJournal({ slos, samples, seed: 1 });
  // loading echarts and the templates' code is part of what a run pays once
  const tLoad = performance.now();
  const { renderHtml } = await import('../reports/html-reporter.js');
  const loadMs = performance.now() - tLoad;
  const points = journal.slos.reduce((n, s) => n + (s.evidence.series ?? []).reduce((m, x) => m + x.points.length, 0), 0);

  // cold: the first render in this process (templates compiled, code not yet JIT-warm).
  // CPU time is reported beside wall time: on a shared 2-core machine wall time mostly
  // measures the neighbours.
  const loadBefore = os.loadavg()[0]!;
  let c = process.cpuUsage();
  let t = performance.now();
  let html = renderHtml(journal);
  const coldMs = performance.now() - t;
  const coldCpu = process.cpuUsage(c);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    c = process.cpuUsage();
    t = performance.now();
    html = renderHtml(journal);
    warm.push(performance.now() - t);
    const u = process.cpuUsage(c);
    warmCpu.push((u.user + u.system) / 1000);
  }
  t = performance.now();
  const json = renderJson(journal);
  const md = renderMarkdown(journal);
  const otherMs = performance.now() - t;

  const htmlBytes = Buffer.byteLength(html);
  const result = {
    benchmark: 'report-render',
    when: new Date().toISOString(),
    input: { slos, samplesRequested: samples, points, series: journal.slos.reduce((n, s) => n + (s.evidence.series?.length ?? 0), 0) },
    html: {
      moduleLoadMs: Math.round(loadMs),
      coldMs: Math.round(coldMs),
      coldCpuMs: Math.round((coldCpu.user + coldCpu.system) / 1000),
      warmMedianMs: Math.round(median(warm)),
      warmMedianCpuMs: Math.round(median(warmCpu)),
      warmMs: warm.map(Math.round),
      bytes: htmlBytes,
      svgCharts: (html.match(/<svg/g) ?? []).length,
    },
    jsonBytes: Buffer.byteLength(json),
    jsonAndMarkdownMs: Math.round(otherMs),
    markdownBytes: Buffer.byteLength(md),
    goals: REPORT_GOALS,
    // Wall time depends on what else runs on the machine (see loadAverage1m); CPU time does less.
    meetsGoals: {
      coldWall: coldMs <= REPORT_GOALS.renderMs,
      coldCpu: (coldCpu.user + coldCpu.system) / 1000 <= REPORT_GOALS.renderMs,
      htmlBytes: htmlBytes <= REPORT_GOALS.htmlBytes,
    },
    machine: { cpus: os.cpus().length, node: process.versions.node, loadAverage1m: { before: loadBefore, after: os.loadavg()[0]! } },
  };
  const outDir = fileURLToPath(new URL('./out/', import.meta.url));
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'report.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runReportBench();
  console.log(JSON.stringify(r, null, 2));
}
