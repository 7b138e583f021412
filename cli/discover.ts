/**
 * Finds and loads scenario declarations (assertions/**\/*.scenario.ts) without vitest, so every
 * scenario is validated before any server starts.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isScenario, type Scenario } from '../harness/scenario/define.js';

export interface Discovered {
  file: string;
  scenario: Scenario;
}

export const ASSERTIONS_DIR = 'assertions';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else if (e.name.endsWith('.scenario.ts')) out.push(p);
  }
  return out.sort();
}

/** Load every scenario; `filters` keep those whose id or file contains one of them. */
export async function discoverScenarios(filters: string[] = [], root = process.cwd()): Promise<Discovered[]> {
  const files = await walk(path.join(root, ASSERTIONS_DIR));
  const found: Discovered[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (isScenario(value) && !found.some((f) => f.scenario === value)) found.push({ file: path.relative(root, file), scenario: value });
    }
  }
  if (!filters.length) return found;
  return found.filter((d) => filters.some((f) => d.scenario.id.includes(f) || d.file.includes(f) || d.scenario.slos.some((s) => s.id === f)));
}

/** The suite file that runs a scenario file: x.scenario.ts -> x.slo.ts */
export function suiteFileOf(scenarioFile: string): string {
  return scenarioFile.replace(/\.scenario\.ts$/, '.slo.ts');
}
