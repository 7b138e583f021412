/** Every Handlebars helper the report templates use, registered in one place. */
import type HandlebarsNs from 'handlebars';

type Hbs = typeof HandlebarsNs;

export function registerHelpers(hbs: Hbs): void {
  /** {{#if (eq a b)}} */
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  /** {{plural count "SLO"}} -> "1 SLO", "3 SLOs" */
  hbs.registerHelper('plural', (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`);
  /** {{#if (gt count 0)}} */
  hbs.registerHelper('gt', (a: number, b: number) => a > b);
  /** {{#each (list a b)}}: iterate over named values */
  hbs.registerHelper('list', (...args: unknown[]) => args.slice(0, -1));
}
