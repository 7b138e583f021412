import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exitCodeFromJournal } from '../../../cli/run.js';
import type { Journal, SloRecord } from '../../../harness/journal/schema.js';

// Journals written to a temp dir (real files; the journals themselves are synthetic).
const dir = await mkdtemp(path.join(tmpdir(), 'archtdd-exit-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const slo = (verdict: SloRecord['verdict'], mode: SloRecord['mode'] = 'gate'): SloRecord => ({
  id: `${verdict}-${mode}`, title: 't', layer: 'application', hypothesis: 'h', scenario: 's', objective: 'value<1', mode,
  sli: { kind: 'promql', query: 'up' }, measured: { value: 0, unit: '' }, verdict, reason: 'r', evidence: {},
});
const journal = (slos: SloRecord[], status: Journal['scenarios'][number]['status'] = 'completed'): Journal => ({
  schema: 'archtdd.baseline/v1',
  run: { id: 'r', startedAt: '', finishedAt: '', durationMs: 0, runtime: 'local', profile: 'quick', status: 'completed', machine: { cpus: 2, memoryGiB: 24, os: 'linux', node: '20' }, versions: {} },
  scenarios: [{ id: 's', title: 's', status, startedAt: '', finishedAt: '', components: [], phases: [], faults: [], series: [], harnessIssues: [] }],
  slos,
});

async function code(j: Journal | undefined, vitestExit = 0): Promise<number> {
  const file = path.join(dir, `${Math.random()}.json`);
  if (j) await writeFile(file, JSON.stringify(j));
  return exitCodeFromJournal(file, vitestExit);
}

describe('exit codes from the journal', () => {
  it.each([
    ['every gate SLO passes', journal([slo('PASS'), slo('FAIL', 'baseline')]), 0, 0],
    ['a gate SLO fails', journal([slo('PASS'), slo('FAIL')]), 1, 1],
    ['a gate SLO is INCONCLUSIVE (never a pass)', journal([slo('INCONCLUSIVE')]), 1, 1],
    ['a gate SLO is INVALID (never a pass)', journal([slo('INVALID')]), 1, 1],
    ['the environment failed to start', journal([slo('INVALID')], 'environment-failed'), 1, 2],
    ['no SLO was recorded', journal([]), 0, 2],
    ['vitest failed elsewhere although gates passed', journal([slo('PASS')]), 1, 1],
  ])('%s', async (_n, j, vitestExit, expected) => {
    expect(await code(j, vitestExit)).toBe(expected);
  });

  it('no journal at all is exit 2', async () => {
    expect(await code(undefined, 1)).toBe(2);
  });
});
