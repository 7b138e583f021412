/**
 * Loads and compiles the report templates (reports/templates/*.hbs) in a private Handlebars
 * environment, in strict mode: a misspelt field throws instead of printing nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../templates/', import.meta.url));

let env: typeof Handlebars | undefined;
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function environment(): typeof Handlebars {
  if (env) return env;
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
