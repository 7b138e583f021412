/**
 * Loads and compiles the report templates (reports/templates/*.hbs) in a private Handlebars
 * environment, in strict mode: a misspelt field throws instead of printing nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type HandlebarsNs from 'handlebars';
import { registerHelpers } from './helpers.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

type Hbs = typeof HandlebarsNs;
let env: Hbs | undefined;
const compiled = new Map<string, HandlebarsNs.TemplateDelegate>();

function environment(): Hbs {
  if (env) return env;
  // loaded on first use: vitest loads the reporter for every run, most never render HTML
  const Handlebars = createRequire(import.meta.url)('handlebars') as Hbs;
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const partialDir = path.join(TEMPLATE_DIR, 'partials');
  for (const file of readdirSync(partialDir)) {
    if (file.endsWith('.hbs')) hbs.registerPartial(file.slice(0, -4), readFileSync(path.join(partialDir, file), 'utf8'));
  }
  env = hbs;
  return hbs;
}

/** A compiled template by name, e.g. "report" for templates/report.hbs. */
export function template<T>(name: string): (view: T) => string {
  let t = compiled.get(name);
  if (!t) {
    const source = readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), 'utf8');
    t = environment().compile(source, { strict: true, noEscape: false });
    compiled.set(name, t);
  }
  return t as (view: T) => string;
}
