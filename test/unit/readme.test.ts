import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** README examples are cut from files that run in CI: each marked block must equal its source region. */
const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/<!-- snippet: ([^#\s]+)#(\S+) -->\n```ts\n([\s\S]*?)```\n<!-- \/snippet -->/g)];

function region(file: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  const m = new RegExp(`// --8<-- \\[start:${name}\\]\\n([\\s\\S]*?)\\n\\s*// --8<-- \\[end:${name}\\]`).exec(text);
  if (!m) throw new Error(`${file} has no region "${name}"`);
  return m[1]!;
}

describe('README snippets', () => {
  it('has the snippets', () => {
    expect(blocks.map((b) => `${b[1]}#${b[2]}`)).toEqual(['assertions/catalog-steady.scenario.ts#scenario', 'systems/catalog/index.ts#service']);
  });

  it.each(blocks.map((b) => [`${b[1]}#${b[2]}`, b[1]!, b[2]!, b[3]!]))('%s matches its source', (_n, file, name, body) => {
    expect(body.trimEnd()).toBe(region(file, name).trimEnd());
  });
});
