import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../../../harness/journal/schema.js';
import { assembleJournal } from '../../../reports/assemble.js';
import { compareWithBaseline } from '../../../reports/regression.js';
import { makeSyntheticJournal } from '../../../reports/synthetic-journal.js';
import { fixture } from './load-fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../../reports/baseline.schema.json', import.meta.url), 'utf8'));
// ajv's CommonJS default export arrives as a namespace under NodeNext
const AjvCtor = ((Ajv2020 as unknown as { default?: unknown }).default ?? Ajv2020) as typeof Ajv2020.default;
const ajv = new AjvCtor({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('date-time', { validate: (s: string) => !Number.isNaN(Date.parse(s)) });
const validate = ajv.compile(schema);

function errors(doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('reports/baseline.schema.json (draft 2020-12)', () => {
  it('accepts the fixture journal and the fixture compared with its baseline', () => {
    expect(errors(fixture('journal.json'))).toEqual([]);
    expect(errors(compareWithBaseline(fixture('journal.json'), fixture('previous.json')))).toEqual([]);
  });

  it('accepts a synthetic journal with 20 SLOs and a journal assembled from test meta', () => {
    expect(errors(makeSyntheticJournal({ slos: 20, samples: 2000 }))).toEqual([]);
    const j = fixture('journal.json');
    const assembled = assembleJournal({
      metas: [
        { kind: 'scenario', scenario: j.scenarios[0]!, run: { runtime: 'local', profile: 'quick', versions: { redis: '7.0.15' } } },
        ...j.slos.map((slo) => ({ kind: 'slo' as const, slo })),
      ],
      startedAt: new Date(0),
      finishedAt: new Date(1000),
      reason: 'passed',
      unhandledErrors: 0,
      machine: { cpus: 2, memoryGiB: 8, os: 'Linux', node: '20.20.0' },
    });
    expect(errors(assembled)).toEqual([]);
  });

  it.each<[string, (j: Journal) => void, RegExp]>([
    ['an unknown verdict', (j) => ((j.slos[0] as { verdict: string }).verdict = 'OK'), /verdict must be equal to one of the allowed values/],
    ['a missing measured value', (j) => delete (j.slos[0]!.measured as Partial<Journal['slos'][0]['measured']>).value, /measured must have required property 'value'/],
    ['a wrong schema tag', (j) => ((j as { schema: string }).schema = 'archtdd.baseline/v0'), /schema must be equal to constant/],
    ['an unknown layer', (j) => ((j.slos[0] as { layer: string }).layer = 'network'), /layer must be equal to one of the allowed values/],
    ['a series point with one number', (j) => (j.slos[0]!.evidence.series![0]!.points[0] = [1] as unknown as [number, number]), /must NOT have fewer than 2 items/],
    ['an unknown top-level field', (j) => ((j as unknown as Record<string, unknown>).extra = 1), /must NOT have additional properties/],
  ])('rejects %s', (_name, mutate, message) => {
    const j = structuredClone(fixture('journal.json'));
    mutate(j);
    expect(errors(j).join('\n')).toMatch(message);
  });
});
