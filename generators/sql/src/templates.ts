import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/**
 * The handlebars templates of this package (src/templates, copied to dist/templates by the
 * build). Every value they print is escaped or validated by the TypeScript that builds the
 * view model, so HTML escaping is off and strict mode fails on a missing field.
 */
const hb = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();

export function render(name: string, model: object): string {
  let t = cache.get(name);
  if (!t) {
    const text = readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');
    t = hb.compile(text, { noEscape: true, strict: true });
    cache.set(name, t);
  }
  return t(model);
}
