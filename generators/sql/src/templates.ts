import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';

/**
 * The handlebars templates of this package (src/templates, copied to dist/templates by the
 * build). Every value they print is escaped or validated by the TypeScript that builds the
 * view model, so HTML escaping is off and strict mode fails on a missing field.
 */
const hb = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();

function source(name: string): string {
  return readFileSync(new URL(`./templates/${name}.hbs`, import.meta.url), 'utf8');
}

export function render(name: string, model: object): string {
  let t = cache.get(name);
  if (!t) {
    t = hb.compile(source(name), { noEscape: true, strict: true });
    cache.set(name, t);
  }
  return t(model);
}

/**
 * A template of plain substitutions (`{{{field}}}` only: no blocks, partials or helpers) as a
 * function giving exactly render()'s text. Its fixed text comes from rendering it once with
 * markers, so the .hbs file stays the one source of the layout; each call then only joins
 * that text with the values, for templates filled once per event and dialect (thousands of
 * times), where Handlebars' per-call lookups and the rope it builds cost more than the text.
 */
export function filler<K extends string>(name: string, fields: readonly K[]): (values: Readonly<Record<K, string | number>>) => string {
  const text = source(name);
  // A block could print differently for a marker than for the real value.
  if (text.replace(/\{\{\{[A-Za-z_]\w*\}\}\}/g, '').includes('{{')) throw new Error(`internal: template ${name} is not plain substitutions`);
  const marked = render(name, Object.fromEntries(fields.map((f, i) => [f, `\u0000${i}\u0000`])));
  const pieces = marked.split(/\u0000(\d+)\u0000/);
  const fixed = pieces.filter((_, i) => i % 2 === 0);
  const slots = pieces.filter((_, i) => i % 2 === 1).map((i) => fields[Number(i)]!);
  if (fixed.some((p) => p.includes('\u0000'))) throw new Error(`internal: template ${name} holds a NUL character`);
  return (values) => {
    const out = [fixed[0]!];
    for (let i = 0; i < slots.length; i++) out.push(String(values[slots[i]!]), fixed[i + 1]!);
    return out.join('');
  };
}
