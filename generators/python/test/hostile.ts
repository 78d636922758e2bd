// A taxonomy whose names are Python and Go keywords or builtins, differ only in case,
// and whose descriptions hold text that breaks naive code emission.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';

export const HOSTILE_TEXT = 'Ends """ here */ and `code` \\ back\\slash \u2028 line sep, naïve café — ünïcödé \u0085 "q" \'s\' ${x} {{y}} %s';

export function hostileModel(): TaxonomyModel {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-lang-'));
  mkdirSync(join(dir, 'domains'));
  const d = JSON.stringify(HOSTILE_TEXT);
  writeFileSync(join(dir, 'taxonomy.yaml'), 'name: hostile\nversion: 1.0.0\ndefault_destinations: [warehouse]\n');
  writeFileSync(join(dir, 'destinations.yaml'), 'destinations:\n  warehouse: { kind: warehouse, description: W. }\n');
  writeFileSync(join(dir, 'privacy.yaml'), 'classes:\n  internal: { description: I., sensitivity: 1 }\n');
  writeFileSync(join(dir, 'categories.yaml'), 'categories:\n  core: { description: C. }\n');
  const ev = (name: string, props: string) => `  ${name}:\n    category: core\n    description: ${d}\n    trigger: ${d}\n    properties:\n${props}`;
  const kw = ['class', 'type', 'func', 'import', 'len', 'self', 'range', 'go', 'chan', 'package', 'def', 'None', 'nil', 'string', 'error', 'interface', 'person', 'p', '_p', 'Optional', 'Dict'];
  const kwProps = kw.map((k) => `      ${k}: { type: string, required: ${k === 'class' || k === 'self'}, description: ${d} }\n`).join('');
  writeFileSync(join(dir, 'domains', 'class.yaml'), `domain: class\nevents:\n${[
    ev('class', kwProps),
    ev('type', `      kind: { type: string, enum: [a, "it's \\"q\\"", { value: "b\\\\c", description: ${d}, deprecated: { renamed_to: a, reason: ${d} } }], required: true }\n`),
    ev('func', '      userId: { type: string, required: true }\n      userid: { type: integer }\n      UserId: { type: boolean }\n'),
    ev('import', '      obj:\n        type: object\n        required: true\n        properties:\n          class: { type: string, required: true }\n          len: { type: integer }\n'),
    ev('len', '      tags: { type: array, items: { type: string, enum: [x, y] } }\n'),
    ev('self', `      n: { type: number, required: true }\n      m: { type: number, description: ${d}, deprecated: { renamed_to: n, reason: ${d}, since: 2026-01-01 } }\n      x: { type: string, stability: experimental, description: ${d} }\n`),
    ev('Foo', '      a: { type: string }\n'),
    ev('foo', '      a: { type: string }\n'),
  ].join('')}`);
  writeFileSync(join(dir, 'domains', 'type.yaml'), `domain: type\nevents:\n${ev('type.import', '      x: { type: string }\n')}`);
  // Names as teams write them (spaces, Title Case) and a namespace whose events fold to keywords
  // and to the names above: identifiers must still be unique, and wire names kept as written.
  writeFileSync(join(dir, 'domains', 'vendor.yaml'), `domain: vendor\nnamespace: com.class-import\nevents:\n${[
    ev('"Order Completed"', '      "None": { type: string }\n'),
    ev('"Class Type"', '      x: { type: string }\n'),
    ev('import', '      x: { type: string }\n'),
    ev('class', '      x: { type: string }\n'),
    ev('io.other/import', '      y: { type: integer }\n'),
  ].join('')}`);
  const r = loadTaxonomy(dir, { cwd: dir });
  // check refuses names that differ only in case within one payload or one domain (identity/*,
  // issue 19); the generators must still hold them if such a model reaches them, so those
  // findings alone are let through here, and the fixture must keep producing them.
  const errors = r.diagnostics.filter((x) => x.severity === 'error' && !x.code.startsWith('identity/'));
  if (!r.model || errors.length) throw new Error(errors.map((x) => `${x.location?.file}:${x.location?.line} ${x.message}`).join('\n') || 'no model');
  if (!r.diagnostics.some((x) => x.code.startsWith('identity/'))) throw new Error('the hostile fixture no longer holds names that differ only in case');
  return r.model;
}
