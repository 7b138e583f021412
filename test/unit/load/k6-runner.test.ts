import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLoadSummary, trendStat } from '../../../harness/load/index.js';
import { k6Result, k6Time } from '../../../harness/load/k6-parse.js';
import { findK6, runK6 } from '../../../harness/load/k6-runner.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const summaryFile = path.join(fixtures, 'k6-summary-export.json');
const jsonFile = path.join(fixtures, 'k6-out.json');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archtdd-k6-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('k6 adapter (recorded k6 output)', () => {
  it('maps --summary-export metrics and thresholds into a LoadResult', async () => {
    const r = await k6Result(JSON.parse(await readFile(summaryFile, 'utf8')), { jsonOutput: jsonFile, script: 'script.js' });
    expect(r.iterations).toBe(30);
    expect(r.dropped).toBe(2);
    expect(r.metrics.http_req_failed).toEqual({ type: 'rate', contains: 'default', values: { passes: 2, fails: 28, rate: 2 / 30 } });
    expect(r.metrics.http_req_duration).toMatchObject({ type: 'trend', contains: 'time', values: { avg: 24.5, med: 21.25, max: 120, count: 30 } });
    expect(r.metrics['http_req_duration{expected_response:true}']!.values.count).toBe(28);
    expect(r.thresholds).toEqual([
      { metric: 'http_req_duration', source: 'p(95)<50', ok: true, observed: 32.5, abortOnFail: false },
      { metric: 'http_req_failed', source: 'rate<0.01', ok: false, observed: 2 / 30, abortOnFail: false, reason: 'k6 reported http_req_failed rate<0.01 as crossed' },
    ]);
    expect(r.thresholdsOk).toBe(false);
    expect(r.saturated).toMatch(/k6 dropped 2 of 32 iterations/);
    expect(r.scenarios).toEqual([{ name: 'default', executor: 'k6', description: 'k6 script script.js' }]);
  });

  it('streams --out json points into HDR histograms (any percentile) and per-second series', async () => {
    const r = await k6Result(JSON.parse(await readFile(summaryFile, 'utf8')), { jsonOutput: jsonFile });
    // p(99.9) is not in the export: it comes from the histogram built from the points (0.1% resolution)
    expect(trendStat(r, 'http_req_duration', 'p(99.9)')).toBeCloseTo(120, 0);
    expect(r.series.map((p) => p.iterations)).toEqual([10, 10, 10]);
    expect(r.series.map((p) => p.errors)).toEqual([0, 1, 1]); // every 15th request (i = 14, 29) failed
    expect(r.series.map((p) => p.dropped)).toEqual([0, 0, 2]);
    expect(r.series[0]!.t).toBe(Date.parse('2026-11-20T10:00:00Z'));
    expect(r.startedAt).toBe(Date.parse('2026-11-20T10:00:00Z'));
    expect(toLoadSummary(r)).toMatchObject({ executor: 'k6', iterations: 30, droppedIterations: 2, failedRate: 2 / 30 });
  });

  it('reads RFC 3339 times with nanoseconds', () => {
    expect(k6Time('2026-11-20T10:00:01.123456789+00:00')).toBe(Date.parse('2026-11-20T10:00:01.123Z'));
  });
});

describe('k6 runner (fake k6 binary replaying recorded k6 output)', () => {
  it('finds K6_BIN, calls `k6 run --summary-export --out json=`, and treats exit 99 as a result', async () => {
    const fake = path.join(dir, 'k6');
    const argsFile = path.join(dir, 'args.txt');
    await writeFile(
      fake,
      `#!/bin/sh
echo "$@" > ${argsFile}
while [ $# -gt 0 ]; do
  case "$1" in
    --summary-export) cp ${summaryFile} "$2"; shift ;;
    --out) cp ${jsonFile} "\${2#json=}"; shift ;;
  esac
  shift
done
exit 99
`,
    );
    await chmod(fake, 0o755);
    expect(await findK6({ K6_BIN: fake })).toBe(fake);
    expect(await findK6({ PATH: dir })).toBe(fake);
    expect(await findK6({ PATH: path.join(dir, 'nowhere') })).toBeUndefined();
    const r = await runK6('script.js', { k6Bin: fake });
    const args = (await readFile(argsFile, 'utf8')).trim();
    expect(args).toMatch(/^run --quiet --summary-export \S+summary-export\.json --out json=\S+k6-out\.json --summary-trend-stats avg,min,med,max,p\(90\),p\(95\),p\(99\) script\.js$/);
    expect(r.thresholdsOk).toBe(false);
    expect(r.iterations).toBe(30);
  });

  it('throws MissingBinaryError with the install hint when there is no k6', async () => {
    const saved = process.env.PATH;
    const savedBin = process.env.K6_BIN;
    process.env.PATH = path.join(dir, 'nowhere');
    delete process.env.K6_BIN;
    try {
      await expect(runK6('script.js')).rejects.toThrow(/The binary "k6" was not found on PATH/);
    } finally {
      process.env.PATH = saved;
      if (savedBin !== undefined) process.env.K6_BIN = savedBin;
    }
  });
});
