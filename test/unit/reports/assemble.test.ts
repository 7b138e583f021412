import { describe, expect, it } from 'vitest';
import type { ArchtddMeta } from '../../../harness/journal/meta.js';
import { assembleJournal, newRunId, runStatus } from '../../../reports/assemble.js';
import { fixture } from './load-fixtures.js';

const j = fixture('journal.json');
const machine = { cpus: 2, memoryGiB: 8, os: 'Linux', node: '20.20.0' };
const scenario = (id: string, versions: Record<string, string>, extra: Partial<Extract<ArchtddMeta, { kind: 'scenario' }>['run']> = {}): ArchtddMeta => ({
  kind: 'scenario',
  scenario: { ...j.scenarios[0]!, id },
  run: { runtime: 'local', profile: 'quick', versions, ...extra },
});
const base = { startedAt: new Date('2026-01-01T12:00:00Z'), finishedAt: new Date('2026-01-01T12:00:30Z'), reason: 'passed' as const, unhandledErrors: 0, machine };

describe('assembleJournal', () => {
  it('returns undefined when no test carried archtdd meta (nothing is written)', () => {
    expect(assembleJournal({ ...base, metas: [] })).toBeUndefined();
  });

  it('keeps SLOs and scenarios in test order and merges versions and substitutions over scenarios', () => {
    const journal = assembleJournal({
      ...base,
      metas: [
        scenario('a', { redis: '7.0.15', postgres: '15.14' }, { seed: 7, substitutions: { kafka: 'mock' } }),
        { kind: 'slo', slo: j.slos[1]! },
        scenario('b', { prometheus: '2.42.0' }, { seed: 9 }),
        { kind: 'slo', slo: j.slos[0]! },
      ],
      commit: 'abc1234',
      id: 'run-1',
    })!;
    expect(journal.schema).toBe('archtdd.baseline/v1');
    expect(journal.scenarios.map((s) => s.id)).toEqual(['a', 'b']);
    expect(journal.slos.map((s) => s.id)).toEqual([j.slos[1]!.id, j.slos[0]!.id]);
    expect(journal.run).toMatchObject({
      id: 'run-1',
      durationMs: 30_000,
      startedAt: '2026-01-01T12:00:00.000Z',
      runtime: 'local',
      profile: 'quick',
      status: 'completed',
      seed: 7,
      commit: 'abc1234',
      versions: { postgres: '15.14', prometheus: '2.42.0', redis: '7.0.15' },
      substitutions: { kafka: 'mock' },
    });
  });

  it('falls back to given defaults when only SLO meta exists', () => {
    const journal = assembleJournal({ ...base, metas: [{ kind: 'slo', slo: j.slos[0]! }], defaults: { runtime: 'external', profile: 'full' } })!;
    expect(journal.run.runtime).toBe('external');
    expect(journal.run.profile).toBe('full');
    expect(journal.run.seed).toBeUndefined();
  });
});

describe('runStatus', () => {
  it.each<[string, Parameters<typeof runStatus>[0], string[], string]>([
    ['all ran (SLO failures live in the verdicts)', { reason: 'failed', unhandledErrors: 0 }, ['completed'], 'completed'],
    ['interrupted wins', { reason: 'interrupted', unhandledErrors: 3 }, ['completed'], 'interrupted'],
    ['unhandled errors', { reason: 'failed', unhandledErrors: 1 }, ['completed'], 'failed'],
    ['a scenario test threw', { reason: 'failed', unhandledErrors: 0, failedScenarioTests: 1 }, ['completed'], 'failed'],
    ['environment failed', { reason: 'failed', unhandledErrors: 0 }, ['environment-failed'], 'failed'],
    ['scenario aborted', { reason: 'failed', unhandledErrors: 0 }, ['aborted'], 'failed'],
    ['scenario invalid: the run completed, its SLOs are INVALID', { reason: 'passed', unhandledErrors: 0 }, ['invalid'], 'completed'],
  ])('%s', (_name, input, statuses, want) => {
    expect(runStatus(input, statuses)).toBe(want);
  });
});

describe('newRunId', () => {
  it('is time-based, sortable and random', () => {
    const at = new Date('2026-11-21T23:17:00.123Z');
    const a = newRunId(at);
    expect(a).toMatch(/^20261121T231700Z-[0-9a-f]{6}$/);
    expect(newRunId(at)).not.toBe(a);
  });
});
