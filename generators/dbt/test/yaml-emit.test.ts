// The fast YAML writer must give exactly yaml's bytes (and so its quoting) for any text: the
// dbt files are compared byte for byte with the committed ones and read by dbt.
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { toYaml } from '../src/yaml-emit.js';

const NASTY = [
  'plain', 'two words', 'ends with dot.', "it's", '"quoted"', `both ' and "`, 'key: value', 'a:b', 'trailing:', 'trailing ', ' leading', '#hash', 'a #b', 'a#b',
  '- dash', '-', '?', '? q', ':', '[x]', '{x}', 'a, b', '&anchor', '*alias', '!tag', '|pipe', '>gt', '%pct', '@at', '`tick', "'single",
  'true', 'True', 'TRUE', 'false', 'no', 'yes', 'null', 'Null', '~', '', '0', '12', '-3', '+4', '0o17', '0x1F', '1.5', '.5', '1e3', '.inf', '-.Inf', '.nan', 'e3', 'nulls',
  '---', '--- doc', '...', '... end', 'x---', 'line\nbreak', 'line\n\nbreaks\n', ' \n', 'tab\there', '\ttab', 'ctrl\u0001', 'del\u007f', 'nel\u0085', 'nbsp\u00a0', 'sep\u2028',
  'emoji 𝄞', 'lone \ud800', '{{ "{" }} jinja', '{% x %}', '{# c #}', 'a\\b', 'x'.repeat(1500), `${'y '.repeat(60)}long line`, 'first line\n  indented\nlast',
];
const NUMBERS = [0, 1, -1, 1.5, -0, 1e21, 123456789012, Number.NaN, Number.POSITIVE_INFINITY, 0.1];
const yamlOf = (v: unknown) => stringify(v, { lineWidth: 0 });

/** A deterministic pseudo-random pick, so a failure is reproducible. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('toYaml', () => {
  it('writes every hostile text exactly as yaml does, as values, list items and keys', () => {
    for (const s of NASTY) {
      const doc = { version: 2, models: [{ name: s, description: s, columns: [{ name: 'c', tests: [s, { accepted_values: { values: [s, 'ok'] } }] }] }], [s]: s, nested: { [s]: [s] } };
      expect(toYaml(doc), JSON.stringify(s)).toBe(yamlOf(doc));
    }
  });

  it('writes numbers, booleans, empty and missing values exactly as yaml does', () => {
    for (const n of NUMBERS) {
      const doc = { n, list: [n, { n }], quote: false, yes: true, empty: [], none: {}, gone: undefined, inner: { gone: undefined }, items: [{}, { a: undefined }] };
      expect(toYaml(doc), String(n)).toBe(yamlOf(doc));
    }
    expect(toYaml({})).toBe(yamlOf({}));
    expect(toYaml({ a: null, b: [null, [1, 2]] })).toBe(yamlOf({ a: null, b: [null, [1, 2]] }));
  });

  it('matches yaml on random mixes of hostile fragments', () => {
    const next = rng(42);
    const pick = <T,>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
    const text = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(NASTY).slice(0, 40)).join(pick(['', ' ', ': ', '\n', '#']));
    for (let i = 0; i < 300; i++) {
      const doc = { version: 2, models: Array.from({ length: 3 }, () => ({ name: text(), description: text(), columns: [{ name: text(), tests: ['not_null', { accepted_values: { values: [text(), pick(NUMBERS)] } }] }] })) };
      expect(toYaml(doc)).toBe(yamlOf(doc));
    }
  });

  it('applies the string mapping to values only, on the fast path and through yaml alike', () => {
    const upper = (s: string) => s.toUpperCase();
    const doc = { key: 'value', list: ['a', 'multi\nline', { inner: 'b' }], map: { k: 'v\n' } };
    expect(toYaml(doc, upper)).toBe(yamlOf({ key: 'VALUE', list: ['A', 'MULTI\nLINE', { inner: 'B' }], map: { k: 'V\n' } }));
    expect(parse(toYaml(doc, upper))).toEqual({ key: 'VALUE', list: ['A', 'MULTI\nLINE', { inner: 'B' }], map: { k: 'V\n' } });
  });
});
