// Issue 18.3's shapes in the docs: each is said in words on the event page, every example
// payload (each version's too) validates against the event's JSON Schema, and hostile text in
// the new positions (a pattern, a required_when value, variant descriptions) keeps every table
// row on one line and the example JSON escaped.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveVersions, loadTaxonomy, stableJson, type TaxonomyModel } from '@taxonomy/core';
import { buildSite, examplePayload, renderCatalog } from '@taxonomy/gen-docs';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { prop, SHAPE_CASES, shapesModel } from '../../../test/shapes/table.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const hand = shapesModel();
const fixture = join(import.meta.dirname, '../../../test/shapes/fixture');
const yaml = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;

/** The Markdown row of a property on an event page. */
function row(model: TaxonomyModel, event: string, property: string): string {
  const page = renderCatalog(model).find((f) => f.path === `events/${event}.md`)!.contents;
  return page.split('\n').find((l) => l.startsWith(`| \`${property}\` |`)) ?? `(no row ${property} on ${event})`;
}

describe('docs: the shapes of issue 18.3', () => {
  it.each([['model literals', hand], ['YAML', yaml]] as const)('every example payload (%s) validates against its schema, every version', (_n, model) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const bad: string[] = [];
    let checked = 0;
    for (const e of model.events) {
      for (const v of liveVersions(e)) {
        // Through its JSON text, as the schema file is read (ajv takes no bigint bound).
        const validate = ajv.compile(JSON.parse(stableJson(eventSchema(model, v))));
        const payload = examplePayload(v);
        checked++;
        if (!validate({ event: e.name, ...(v.versions[0]?.frozen ? { version: v.version } : {}), properties: payload })) bad.push(`${e.name} v${v.version}: ${JSON.stringify(payload)} ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(checked).toBe(model.events.length + 1);
  });

  it('examples fill what the shapes need: a map key, a pattern key, min keys, a required_when sibling', () => {
    const payload = (name: string) => examplePayload(hand.events.find((e) => e.name === name)!);
    expect(payload('map_sent')).toEqual({ counts: { key: 1 } });
    expect(payload('labels_kept')).toEqual({ labels: { name: 'example' }, origin: { app: 'example' } });
    expect(payload('json_value')).toEqual({ meta: {}, anything: [{}], maybe: {} });
    expect(payload('payment_made')).toEqual({ method: { kind: 'card', last4: '0000' } });
    expect(payload('open_event')).toEqual({ a: 'example' });
    expect(Object.keys(payload('big_ids'))).toEqual(['id', 'small']);
  });

  it.each([
    ['json_value', 'meta', '| `meta` | any JSON value | yes |'],
    ['json_value', 'anything', '| `anything` | array of any JSON value | no |'],
    ['type_list', 'id', '| `id` | any of: string \\| integer or null | yes | `string`: length 1–8 chars; `integer`: 0–10 |'],
    ['payment_made', 'method', '| `method` | one of (by kind): object (kind card) \\| object (kind iban) | yes |'],
    ['payment_made', 'method\\|2.iban', '| `method\\|2.iban` | string | yes | length ≥ 15 chars |'],
    ['map_sent', 'counts', '| `counts` | map of integer | yes | values: ≥ 0; keys matching `/^x_/`: string; 1–3 keys |'],
    ['labels_kept', 'labels', '| `labels` | object | yes | keys matching `/^tag_[a-z]+$/`: string, length ≤ 5 chars |'],
    ['coupon_applied', 'discount', '| `discount` | number | no | requires `coupon` |'],
    ['coupon_applied', 'seats', '| `seats` | integer | no | ≥ 1; required when `plan` is `pro` |'],
    ['big_ids', 'id', '| `id` | integer | yes | \\-9223372036854775808–9223372036854775807 |'],
    ['big_ids', 'small', '| `small` | integer | no | ≥ 0; &lt; 9007199254740993 |'],
    ['tuple_sent', 'point', '| `point` | tuple \\[number, number\\] | yes | 2 items |'],
    ['tuple_sent', 'pair', '| `pair` | tuple \\[string, integer, then boolean…\\] | no | ≤ 4 items; \\[0\\]: length ≤ 3 chars; \\[1\\]: ≥ 0 |'],
  ])('%s.%s is said in words', (event, property, start) => {
    expect(row(hand, event, property).startsWith(start), row(hand, event, property)).toBe(true);
  });

  it('hostile text in a pattern, a required_when value and variant descriptions keeps every table row on one line', () => {
    const page = renderCatalog(hand).find((f) => f.path === 'events/hostile_text.md')!.contents;
    const lines = page.split('\n');
    const start = lines.findIndex((l) => l.startsWith('| Property |'));
    const rows = lines.slice(start + 2, lines.indexOf('', start));
    expect(rows.map((r) => r.split('`')[1])).toEqual(['odd', 'either', 'when']);
    // Split on \n only: U+2028 is no line break in Markdown (markdown-it, CommonMark).
    for (const r of rows) expect([r.startsWith('| `'), r.endsWith(' |'), r.split(' | ').length >= 6]).toEqual([true, true, true]);
    // The example JSON escapes U+2028 (safe to paste into JavaScript).
    expect(page).toContain('"q\\"\\n\\u2028\'`${x}*/"');
  });

  it('a tuple: examples hold every leading element; a hostile element description keeps its row on one line', () => {
    expect(examplePayload(hand.events.find((e) => e.name === 'tuple_sent')!)).toEqual({ point: [1.5, 1.5], pair: ['exa', 1], head: ['example'] });
    const page = renderCatalog(hand).find((f) => f.path === 'events/tuple_sent.md')!.contents;
    const head = page.split('\n').find((l) => l.startsWith('| `head` |'))!;
    expect(head).toMatch(/^\| `head` \| tuple \\\[string, then any JSON value…\\\] \| no \| ≥ 1 items; \\\[0\\\]: q/);
    expect(head.endsWith(' |')).toBe(true);
  });

  it('a version history compares int64 bounds exactly (regression: JSON.stringify threw on the bigint)', () => {
    const big = SHAPE_CASES.find((c) => c.event === 'big_ids')!;
    const older = { version: 1, properties: [prop('id', { type: 'integer', minimum: 0n, maximum: 9223372036854775806n }, true)], valid: [], invalid: [] };
    const page = renderCatalog(shapesModel([{ ...big, older: [older] }])).find((f) => f.path === 'events/big_ids.md')!.contents;
    expect(page).toMatch(/`id`: its values or constraints changed/);
    expect(page).toContain('9223372036854775806');
  });

  it('object alternatives of array items get rows too (`path[]|n.key`, as governance names them)', () => {
    const pay = SHAPE_CASES.find((c) => c.event === 'payment_made')!;
    const method = pay.properties[0]!;
    const m = shapesModel([{ ...pay, properties: [prop('methods', { type: 'array', items: { type: 'union', union: method.union! } })] }]);
    expect(row(m, 'payment_made', 'methods[]\\|2.iban')).toMatch(/^\| `methods\[\]\\\|2\.iban` \| string \| yes \|/);
  });

  it('the HTML site says the same words', () => {
    const page = buildSite(hand).find((f) => f.path.endsWith('hostile_text.html'))!.contents;
    expect(page).toContain('keys matching');
    expect(page).toContain('required when');
    expect(page).not.toMatch(/<[^>]*\$\{x\}/); // the hostile text never inside a tag
    const map = buildSite(hand).find((f) => f.path.endsWith('map_sent.html'))!.contents;
    expect(map).toContain('1–3 keys');
  });
});
