// The dbt YAML is read by dbt with a YAML 1.1 loader (PyYAML): every hostile text must come
// back as the same string from PyYAML and from the `yaml` package that writes it.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadTaxonomy } from '@taxonomy/core';
import dbtGenerator from '@taxonomy/gen-dbt';
import { toYaml } from '../src/yaml-text.js';
import { loadWithPyYaml } from '../../../test/pyyaml.js';

const HOSTILE = [
  'plain', 'two words', "it's", '"quoted"', `both ' and "`, 'key: value', 'trailing:', ' leading', 'trailing ', '#hash', 'a #b',
  '- dash', '-', '?', ':', '[x]', '{x}', 'a, b', '&anchor', '*alias', '!tag', '|pipe', '>gt', '%pct', '@at', '`tick',
  'true', 'True', 'yes', 'no', 'on', 'Off', 'y', 'n', 'null', '~', '', '0', '-3', '017', '0o17', '0x1F', '1.5', '.5', '1e3', '1_000', '12:30', '.inf', '.nan',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '=', '<<', '---', '...', '--- doc', 'line\nbreak', 'line\n\nbreaks\n', ' \n', 'a\n  \nb', 'first line\n  indented\nlast', '\n', 'x\n\t\n', 'tab\there', 'ctrl\u0001', 'del\u007f',
  'nel\u0085', 'nbsp\u00a0', 'c1\u0080\u009f', 'nonchar\ufffe', 'lone \ud800', 'tab\t', '\tlead', 'ls\u2028', '\u2028', 'ps\u2029x', 'a\\\u2028b', 'bom\ufeff', 'emoji 𝄞', '{{ "{" }} jinja', 'a\\b', 'x'.repeat(300),
];

describe('toYaml', () => {
  it('every hostile text reads back as itself, as a value, a list item and a key, with yaml and with PyYAML', () => {
    const docs = HOSTILE.map((s) => ({ version: 2, models: [{ name: s, description: s, columns: [{ name: 'c', tests: [{ accepted_values: { values: [s, 'ok'] } }] }] }], nested: { [s || 'empty']: [s] } }));
    const texts = docs.map((d) => toYaml(d));
    texts.forEach((t, i) => expect(parse(t), JSON.stringify(HOSTILE[i])).toEqual(docs[i]));
    const py = loadWithPyYaml(texts);
    py.forEach((d, i) => expect(d, `${JSON.stringify(HOSTILE[i])}\n${texts[i]}`).toEqual(docs[i]));
  });

  it('numbers, booleans, null and empty collections read back as themselves with PyYAML', () => {
    const doc = { n: [0, 1, -1, 1.5, 123456789012, 0.1], t: true, f: false, z: null, e: [], o: {} };
    expect(loadWithPyYaml([toYaml(doc)])[0]).toEqual(doc);
  });

  it('applies the string mapping to values only', () => {
    const up = (s: string) => s.toUpperCase();
    expect(parse(toYaml({ key: 'value', list: ['a', { inner: 'b' }] }, up))).toEqual({ key: 'VALUE', list: ['A', { inner: 'B' }] });
  });
});

describe('the dbt files', () => {
  it('regression: U+2028/U+2029 in a description or enum value: dbt/models/*/schema.yml no longer parses with a YAML 1.1 loader (dbt\'s)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dbt-u2028-'));
    cpSync(join(import.meta.dirname, '../../../packages/core/test/fixtures/00-clean/taxonomy'), join(dir, 'taxonomy'), { recursive: true });
    const domain = join(dir, 'taxonomy/domains/workbench.yaml');
    const text = readFileSync(domain, 'utf8')
      .replace('description: A new draft was created.', 'description: "A new draft\\Lwas created.\\Pfor: you\\N- x"')
      .replace('enum: [chat, template, blank]', 'enum: [chat, "tem\\Lplate", "bl\\Pank", "yes", "=", "<<"]');
    writeFileSync(domain, text);
    const loaded = loadTaxonomy(join(dir, 'taxonomy'), { cwd: dir });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = (await dbtGenerator.generate(loaded.model!, {})).filter((f) => f.path.endsWith('.yml'));
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['models/staging/schema.yml', 'models/metrics/schema.yml', 'models/sources.yml']));
    const py = loadWithPyYaml(files.map((f) => f.contents));
    py.forEach((d, i) => expect(d, files[i]!.path).toEqual(parse(files[i]!.contents)));
    const staging = py[files.findIndex((f) => f.path === 'models/staging/schema.yml')] as { models: { name: string; description: string; columns: { name: string; tests?: unknown[] }[] }[] };
    const model = staging.models.find((m) => m.name.includes('draft_created'))!;
    expect(model.description).toContain('A new draft\u2028was created.\u2029for: you\u0085- x');
    const source = model.columns.find((c) => c.name === 'source')!;
    expect(JSON.stringify(source.tests)).toContain(JSON.stringify(['chat', 'tem\u2028plate', 'bl\u2029ank', 'yes', '=', '<<']).slice(1, -1));
  });
});
