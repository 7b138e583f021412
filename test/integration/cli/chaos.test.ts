/** `archtdd chaos`: listing, and overrides validated before anything starts (the real CLI, no servers). */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const archtdd = (...args: string[]) => execa('node', ['bin/archtdd.mjs', ...args], { reject: false });

describe('archtdd chaos', () => {
  it('--list shows every scenario with its phases and faults', async () => {
    const r = await archtdd('chaos', '--list');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^catalog-edge-failure {2}Catalog loses its database link/m);
    expect(r.stdout).toMatch(/db-outage +\d+ ms {2}catalog->postgres: link down/);
    expect(r.stdout).toMatch(/^orders-burst /m);
  });

  it.each([
    [['chaos', 'no-such-scenario'], /names 0 scenarios/],
    [['chaos', 'catalog-edge-failure', '--fault', 'bandwidth.rateKBps=10'], /matches no fault step of scenario "catalog-edge-failure"/],
    [['chaos', 'catalog-edge-failure', '--fault', 'catalog->postgres:latency.latencyMs=-5'], /latency/],
    [['chaos', 'catalog-edge-failure', '--fault', 'latency=300'], /is not "\[target:\]kind\[\.param=value,\.\.\.\]"/],
  ])('%j exits 2 before starting anything', async (args, message) => {
    const r = await archtdd(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
