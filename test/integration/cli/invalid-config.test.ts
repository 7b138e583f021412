/**
 * `archtdd run` with a broken scenario exits 2 before any server starts, naming the SLO, the
 * field and the fix. Runs the real CLI in a scratch project whose scenario imports this repo.
 */
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const dir = await mkdtemp(path.join(tmpdir(), 'archtdd-cli-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('archtdd run with invalid configuration', () => {
  it('exits 2 before starting anything, with one line per problem', async () => {
    await mkdir(path.join(dir, 'assertions'));
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }');
    await writeFile(
      path.join(dir, 'assertions', 'broken.scenario.ts'),
      `import { defineScenario } from '${repo}/harness/scenario/define.js';
import { defineSlo, Sli } from '${repo}/harness/slo/define.js';
import { catalogEnvironment } from '${repo}/systems/catalog/index.js';
export const broken = defineScenario({
  id: 'broken', title: 'broken', environment: catalogEnvironment(),
  slos: [defineSlo({ id: 'p95', title: 't', layer: 'application', hypothesis: 'h', sli: Sli.promql('sum(rate(x[5m])'), objective: 'p95 < 50' })],
});
`,
    );
    const r = await execa('node', [path.join(repo, 'bin/archtdd.mjs'), 'run'], { cwd: dir, reject: false, env: { ARCHTDD_STATE_DIR: path.join(dir, 'state') } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/invalid configuration, nothing was started/);
    expect(r.stderr).toMatch(/slo "p95".sli.query: PromQL syntax error/);
    expect(r.stderr).toMatch(/slo "p95".objective: .*Fix: Write it in k6 threshold grammar/);
    // nothing started: no run folder with logs was created
    expect(await readdir(dir)).not.toContain('.archtdd');
  });

  it('exits 2 for an unknown command, with the fix', async () => {
    const r = await execa('node', [path.join(repo, 'bin/archtdd.mjs'), 'frobnicate'], { cwd: dir, reject: false });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
