// filler() must print exactly what Handlebars prints for the same values, and refuse a
// template whose output could depend on the values (blocks, partials, helpers).
import { describe, expect, it } from 'vitest';
import { filler, render } from '../src/templates.js';

const FIELDS = ['event', 'version', 'summary', 'view', 'columns', 'table', 'where'] as const;
const VALUES = ['', 'plain', '$& $1 $$', '\u0000', '\u00000\u0000', '{{{event}}}', '{{#if x}}', 'line\nbreak', "it's", '\\', '𝄞'];

describe('filler', () => {
  it('gives the same text as render for any values', () => {
    const fill = filler('event-view.sql', FIELDS);
    for (const v of VALUES) {
      for (const version of [0, 1, 12.5]) {
        const values = { event: v, version, summary: `: ${v}`, view: `"v_${v}"`, columns: `  ${v},\n  x`, table: v, where: `a = '${v}'` };
        expect(fill(values), JSON.stringify(v)).toBe(render('event-view.sql', values));
      }
    }
  });

  it('refuses templates with blocks', () => {
    expect(() => filler('metric-view.sql', ['name'])).toThrow(/not plain substitutions/);
    expect(() => filler('README.md', ['packageName'])).toThrow(/not plain substitutions/);
  });
});
