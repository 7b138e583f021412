import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cac } from 'cac';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLoadCommand, runLoadCommand } from '../../../harness/load/cli.js';
import { startCalibrationTarget, type CalibrationTarget } from './fixtures/target.js';

let target: CalibrationTarget;
let dir: string;
beforeAll(async () => {
  target = await startCalibrationTarget();
  dir = await mkdtemp(path.join(tmpdir(), 'archtdd-load-cli-'));
});
afterAll(async () => {
  await target?.stop();
  await rm(dir, { recursive: true, force: true });
});

function capture(): { out: string[]; err: string[]; io: { out: (s: string) => void; err: (s: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s) => void out.push(s), err: (s) => void err.push(s) } };
}

describe('archtdd load (cac command, real HTTP target)', () => {
  it('parses k6 flags through cac, writes --summary-export, exits 99 when a threshold is crossed', async () => {
    const file = path.join(dir, 'summary.json');
    const cli = cac('archtdd');
    registerLoadCommand(cli);
    cli.parse(
      ['node', 'archtdd', 'load', '--url', `${target.url}/fail-every/10`, '--executor', 'constant-arrival-rate', '--rate', '100', '--time-unit', '1s', '--duration', '2s',
        '--pre-allocated-vus', '5', '--max-vus', '20', '--threshold', 'http_req_failed=rate<0.05', '--threshold', 'http_req_duration=p(95)<5000',
        '--summary-export', file, '--summary-trend-stats', 'avg,min,med,max,p(90),p(95),p(99)'],
      { run: false },
    );
    const code = (await cli.runMatchedCommand()) as number;
    expect(code).toBe(99);
    const summary = JSON.parse(await readFile(file, 'utf8'));
    // every scheduled iteration ran or was dropped (a busy machine may drop some)
    const ran = summary.metrics.iterations.count;
    expect(ran + summary.metrics.dropped_iterations.count).toBe(200);
    const failed = Math.floor(ran / 10);
    expect(summary.metrics.http_req_failed).toMatchObject({ passes: failed, fails: ran - failed, value: failed / ran, thresholds: { 'rate<0.05': true } });
    expect(Object.keys(summary.metrics.http_req_duration)).toEqual(['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'thresholds']);
    expect(summary.metrics.http_req_duration.thresholds).toEqual({ 'p(95)<5000': false });
  });

  it('prints a k6-like summary and exits 0 when thresholds hold', async () => {
    const c = capture();
    const code = await runLoadCommand({ url: `${target.url}/fast`, vus: 2, iterations: 50, threshold: 'http_reqs=count==50' }, c.io);
    expect(code).toBe(0);
    const text = c.out.join('');
    expect(text).toContain('* default: 50 iterations shared among 2 VUs (maxDuration: 10m0s, gracefulStop: 30s)');
    expect(text).toMatch(/✓ http_reqs\.+: 50 /);
    expect(text).toMatch(/http_req_duration\.+: avg=[\d.]+(ms|µs) +min=/);
  });

  it('exits 104 with every flag problem listed, before any request', async () => {
    const c = capture();
    const code = await runLoadCommand({ url: 'ftp://x', executor: 'constant-arrival-rate', duration: '2s', threshold: ['nonsense'] }, c.io);
    expect(code).toBe(104);
    const err = c.err.join('');
    expect(err).toContain('--url: "ftp://x" is not an http(s) URL.');
    expect(err).toContain('--threshold: "nonsense" is not metric=expression.');
  });
});
