// Per-property lifecycle through every generator, on the lifecycle fixture: the JSON Schema
// annotations, `@deprecated` as TypeScript reads it (both TypeScript packages), Python's
// DeprecationWarning and docstring, Go's `Deprecated:` paragraphs, and the docs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { dbtGenerator } from '@taxonomy/gen-dbt';
import { buildSite, docsGenerator } from '@taxonomy/gen-docs';
import { goFiles } from '@taxonomy/gen-go';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { pythonFiles } from '@taxonomy/gen-python';
import { typesGenerator } from '@taxonomy/gen-types';
import { trackerSources } from '@taxonomy/gen-typescript';
import { loadLifecycle } from './load.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const model = loadLifecycle();
const event = model.events.find((e) => e.name === 'checkout_completed')!;
const temps: string[] = [];
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

function writeAll(dir: string, files: readonly { path: string; text: string }[]): string[] {
  return files.map((f) => {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
    return p;
  });
}

/** The JSDoc tags TypeScript itself reads on each member of an interface of a declaration file. */
function memberTags(file: string, iface: string): Map<string, { name: string; text: string }[]> {
  const program = ts.createProgram({ rootNames: [file], options: { noEmit: true, types: [], skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext } });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file)!;
  const decl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === iface);
  if (!decl) throw new Error(`${iface} is not declared in ${file}`);
  const out = new Map<string, { name: string; text: string }[]>();
  for (const m of decl.members) {
    const sym = checker.getSymbolAtLocation(m.name!)!;
    out.set(sym.name, sym.getJsDocTags(checker).map((t) => ({ name: t.name, text: ts.displayPartsToString(t.text) })));
  }
  return out;
}

describe('JSON Schema', () => {
  const s = eventSchema(model, event) as any;
  const props = s.properties.properties.properties;

  it('marks deprecated properties with deprecated: true and their details, stability as x-stability', () => {
    expect(props.customerRef).toMatchObject({ deprecated: true, 'x-stability': 'deprecated', 'x-deprecation': { renamed_to: 'customerId', since: '2026-03-01' } });
    expect(props.coupon['x-deprecation']).toEqual({ renamed_to: 'promo', reason: 'Coupons became promo codes.', since: '2026-02-01', removal: '2026-08-01' });
    expect(props.referrer).toMatchObject({ deprecated: true, 'x-stability': 'deprecated' });
    expect(props.referrer['x-deprecation']).toBeUndefined();
    expect(props.paymentMethod['x-stability']).toBe('experimental');
    expect(props.paymentMethod.deprecated).toBeUndefined();
    expect(props.orderId).not.toHaveProperty('x-stability');
  });

  it('describes enum members beside the unchanged enum', () => {
    expect(props.tier.enum).toEqual(['free', 'pro', 'team', 'legacy']);
    expect(props.tier['x-enum-descriptions']).toEqual(['', 'Paid per seat.', 'Paid per workspace; replaces pro for teams.', 'Plans sold before 2024.']);
    expect(props.tier['x-enum-members'][3]).toEqual({ value: 'legacy', description: 'Plans sold before 2024.', stability: 'deprecated', deprecated: { renamed_to: 'pro', reason: 'Folded into pro.', since: '2026-01-15' } });
  });

  it('accepts deprecated properties and values, and refuses what it refused before', () => {
    const v = new Ajv2020({ strict: false, allErrors: true }).compile(s);
    const ok = { event: 'checkout_completed', properties: { orderId: 'o1', tier: 'legacy', customerRef: 'c1', paymentMethod: 'invoice', referrer: 'r' } };
    expect(v(ok)).toBe(true);
    expect(v({ ...ok, properties: { ...ok.properties, tier: 'gold' } })).toBe(false);
    expect(v({ ...ok, properties: { ...ok.properties, amount: 'x' } })).toBe(false);
  });
});

describe('TypeScript', () => {
  const dir = mkdtempSync(join(import.meta.dirname, '.tmp-'));
  temps.push(dir);

  it('the tracker: @deprecated names the replacement, as TypeScript reads it; enum values are explained', () => {
    writeAll(join(dir, 'tracker'), trackerSources(model));
    writeFileSync(join(dir, 'tracker/package.json'), '{"type":"module"}');
    const tags = memberTags(join(dir, 'tracker/types.ts'), 'CheckoutCompletedProperties');
    expect(tags.get('customerRef')).toEqual([{ name: 'deprecated', text: 'Use `customerId` instead. Since 2026-03-01.' }]);
    expect(tags.get('coupon')).toEqual([{ name: 'deprecated', text: 'Use `promo` instead. Since 2026-02-01. Coupons became promo codes. Removal: 2026-08-01.' }]);
    expect(tags.get('referrer')).toEqual([{ name: 'deprecated', text: 'No replacement.' }]);
    expect(tags.get('customerId')).toEqual([]);
    expect(tags.get('paymentMethod')).toEqual([]);
  });

  it('the types package (json-schema-to-typescript): @deprecated with the replacement as its text', async () => {
    const files = await typesGenerator.generate(model, {});
    const dts = files.find((f) => f.path === 'index.d.ts')!;
    const file = join(dir, 'types/index.d.ts');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, String(dts.contents));
    const tags = memberTags(file, 'CheckoutCompletedProperties');
    expect(tags.get('customerRef')?.[0]?.name).toBe('deprecated');
    expect(tags.get('customerRef')?.[0]?.text).toMatch(/^Use `customerId` instead\. Since 2026-03-01\./);
    expect(tags.get('customerId')).toEqual([]);
    expect(String(dts.contents)).toContain('- "legacy" (deprecated: use "pro"): Plans sold before 2024.');
  });
});

describe('Python', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-py-'));
  temps.push(dir);
  writeAll(dir, pythonFiles(model, { packageName: 'lifecycle_tracker' }).map((f) => ({ path: f.path, text: String(f.contents) })));

  it('a deprecated argument still sends, with a DeprecationWarning naming the replacement argument; others warn nothing', () => {
    const script = `
import json, warnings
from lifecycle_tracker import Tracker, FunctionSink
sent = []
t = Tracker(FunctionSink(lambda e: sent.append(e)), drain_at_exit=False)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    t.checkout.checkout_completed(orderId="o1", tier="pro", customerRef="c1")
    t.checkout.checkout_completed(orderId="o2", tier="pro", customerId="c2")
t.shutdown(5)
print(json.dumps({"warnings": [[w.category.__name__, str(w.message), w.filename.endswith("__init__.py") or w.filename == "<string>"] for w in caught], "sent": len(sent)}))
`;
    const r = spawnSync('python3', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: dir } });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.sent).toBe(2);
    // stacklevel points at the caller's line (the script), not at the generated package.
    expect(out.warnings).toEqual([['DeprecationWarning', "argument 'customerRef' of 'checkout_completed' is deprecated; use 'customerId' instead", true]]);
  });

  it('the method docstring says which arguments are deprecated or experimental, and what each enum value means', () => {
    const r = spawnSync('python3', ['-c', 'from lifecycle_tracker import Tracker; print(Tracker(None, enabled=False).checkout.checkout_completed.__doc__)'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PYTHONPATH: dir } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Args:\n            tier: Values:\n                - "pro": Paid per seat.');
    expect(r.stdout).toContain('customerRef: Deprecated: use customerId instead. Since 2026-03-01.');
    expect(r.stdout).toContain('paymentMethod: Experimental: may change or go without notice.');
  });
});

describe('Go', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-go-'));
  temps.push(dir);
  writeAll(dir, goFiles(model, { modulePath: 'lifecycle/tracker' }).map((f) => ({ path: f.path, text: String(f.contents) })));
  const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

  it.skipIf(spawnSync('go', ['version']).status !== 0)('go doc shows the Deprecated: paragraph naming the replacing field and constant; go vet passes', () => {
    expect(spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 }).stderr).toBe('');
    const field = spawnSync('go', ['doc', '-all', '.', 'CheckoutCompleted'], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
    expect(field.stdout).toContain('// Deprecated: Use CustomerId instead. Since 2026-03-01.\n\tCustomerRef *string');
    expect(field.stdout).toContain('// Deprecated: Use Promo instead.');
    const tier = spawnSync('go', ['doc', '-all', '.', 'CheckoutCompletedTier'], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
    expect(tier.stdout).toContain('// Deprecated: Use CheckoutCompletedTierPro instead. Since 2026-01-15. Folded into pro.\n\tCheckoutCompletedTierLegacy CheckoutCompletedTier = "legacy"');
  });
});

describe('docs', () => {
  it('badges, the replacement linked to its row, and enum values with their words', async () => {
    const files = await docsGenerator.generate(model, {});
    const page = String(files.find((f) => f.path === 'events/checkout_completed.md')!.contents);
    expect(page).toContain('| <a id="property-customerId"></a>`customerId` |');
    expect(page).toContain('| `customerRef` (deprecated) |');
    expect(page).toContain('**Deprecated**: use [`customerId`](#property-customerId) instead. Since 2026-03-01. |');
    expect(page).toContain('| `paymentMethod` (experimental) |');
    expect(page).toContain('`legacy` (deprecated, use `pro`: Plans sold before 2024.)');
    expect(page).toContain('**Deprecated**. |');
    // The example call leaves deprecated optional properties out.
    expect(page).not.toMatch(/customerRef: "/);
  });
});

describe('docs site and dbt', () => {
  it('the HTML site: badges, the row a rename points at, and a link to it', () => {
    const page = String(buildSite(model).find((f) => f.path.endsWith('checkout_completed.html'))!.contents);
    expect(page).toContain('<tr class="depth-0" id="property-customerId">');
    expect(page).toContain('<code>customerRef</code> <span class="badge stability-deprecated">deprecated</span>');
    expect(page).toContain('<strong>Deprecated</strong>: use <a href="#property-customerId"><code>customerId</code></a> instead. Since 2026-03-01.');
    expect(page).toContain('<span class="badge stability-experimental">experimental</span>');
  });

  it('dbt column descriptions carry the deprecation and the values\' words', async () => {
    const schema = String((await dbtGenerator.generate(model, {})).find((f) => f.path === 'models/staging/schema.yml')!.contents);
    expect(schema).toContain('The paying customer (old name). Deprecated: use customerId instead. Since 2026-03-01.');
    expect(schema).toContain('Values: pro — Paid per seat.; team (experimental) — Paid per workspace; replaces pro for teams.; legacy (deprecated, use pro) — Plans sold before 2024.');
  });
});
