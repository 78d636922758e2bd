// `taxonomy import` and `taxonomy export` end to end, in-process, on real files.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main, type Io } from '@taxonomy/cli';

const repo = join(import.meta.dirname, '../..');
const schemaFile = createRequire(import.meta.url).resolve('@taxonomy/core/schema/domain.schema.json');

async function run(args: string[], cwd: string) {
  let out = '', err = '';
  const io: Io = { out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, cwd };
  const code = await main(args, io);
  return { code, out, err };
}

function tmp(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'interop-cli-'));
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), c);
  }
  return dir;
}

const PLAN = JSON.stringify({ rules: [
  { key: 'order_completed', type: 'TRACK', version: 1, jsonSchema: { properties: { properties: { type: 'object', properties: { order_id: { type: 'string' }, total: { type: 'number' } }, required: ['order_id'] } } } },
  { key: 'order_viewed', type: 'TRACK', version: 1, jsonSchema: { properties: { properties: { type: 'object', properties: { order_id: { type: 'string' } } } } } },
] });

describe('taxonomy import', () => {
  it('writes the domain file with --out, prints the report, exits 0 when everything mapped, and the file passes taxonomy check', async () => {
    const dir = tmp({ 'plan.json': PLAN, 'taxonomy/taxonomy.yaml': 'name: shop\nversion: 1.0.0\n' });
    const r = await run(['import', 'segment', 'plan.json', '--out', 'taxonomy/domains/shop.yaml', '--domain', 'shop'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^import segment plan\.json → domain 'shop'/);
    expect(r.out).toContain('✓ wrote taxonomy/domains/shop.yaml (2 events)');
    const yamlText = readFileSync(join(dir, 'taxonomy/domains/shop.yaml'), 'utf8');
    // Outside a repository the editor line points at the schema by absolute path.
    expect(yamlText.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schemaFile}`);
    // The file loads cleanly; what check still reports is what a Segment plan cannot say
    // (privacy classes, triggers, owners, where events go), for the team to decide.
    const check = await run(['check', 'taxonomy', '--format', 'json'], dir);
    const j = JSON.parse(check.out);
    expect(j.stats.events).toBe(2);
    expect([...new Set(j.diagnostics.map((d: { code: string }) => d.code))].filter((c) => !/^(privacy\/unclassified|routing\/no-destination|doc\/(trigger|owner|category|description|property-description))$/.test(c as string))).toEqual([]);
  });

  it('inside the working folder the editor line is a relative path to the domain schema', async () => {
    const dir = tmp({ 'plan.json': PLAN });
    const r = await run(['import', 'segment', join(dir, 'plan.json'), '--out', join(dir, 'taxonomy/domains/shop.yaml')], '/');
    expect(r.code).toBe(0);
    const first = readFileSync(join(dir, 'taxonomy/domains/shop.yaml'), 'utf8').split('\n')[0]!;
    expect(first).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+.*packages\/core\/schema\/domain\.schema\.json$/);
    expect(join(dir, 'taxonomy/domains', first.split('=')[1]!)).toBe(schemaFile);
  });

  it('without --out prints the YAML on stdout and the report on stderr; --format json gives the report as JSON', async () => {
    const dir = tmp({ 'plan.json': PLAN });
    const r = await run(['import', 'segment', 'plan.json', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# yaml-language-server: \$schema=/);
    const report = JSON.parse(r.err);
    expect(report).toMatchObject({ exitCode: 0, format: 'segment', domain: 'plan', unmapped: [], findings: [] });
    expect(report.created.map((c: { message: string }) => c.message)).toContain('shared property \'order_id\' (the same definition in 2 events)');
  });

  it('refuses to overwrite an existing file unless --force', async () => {
    const dir = tmp({ 'plan.json': PLAN, 'shop.yaml': 'hand-edited\n' });
    const r = await run(['import', 'segment', 'plan.json', '--out', 'shop.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'shop.yaml' exists; pass --force to overwrite it");
    expect(readFileSync(join(dir, 'shop.yaml'), 'utf8')).toBe('hand-edited\n');
    expect((await run(['import', 'segment', 'plan.json', '--out', 'shop.yaml', '--force'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'shop.yaml'), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('a partial import still writes the file, with TODOs, and exits 1', async () => {
    const dir = tmp({ 'plan.json': PLAN.slice(0, PLAN.length - 80) });
    const r = await run(['import', 'segment', 'plan.json', '--out', 'out.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ could not map \(TODO comments in the YAML\)/);
    expect(r.out).toMatch(/plan\.json:1:\d+ .*reading stopped here, the rules before it are imported/);
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toMatch(/order_completed:[\s\S]*# TODO\(import\): plan\.json:1:\d+/);
  });

  it('imports a folder of JSON Schemas, Iglu files without an extension included', async () => {
    const self = (name: string) => JSON.stringify({ self: { vendor: 'com.acme', name, format: 'jsonschema', version: '1-0-0' }, type: 'object', properties: { id: { type: 'string' } } });
    const dir = tmp({ 'reg/schemas/com.acme/a_done/jsonschema/1-0-0': self('a_done'), 'reg/b.json': JSON.stringify({ title: 'b_done', type: 'object', properties: {} }), 'reg/README.md': '# not a schema' });
    const r = await run(['import', 'jsonschema', 'reg', '--out', 'acme.yaml'], dir);
    expect(r.out).toContain('✓ wrote acme.yaml (2 events)');
    expect(readFileSync(join(dir, 'acme.yaml'), 'utf8')).toMatch(/domain: acme[\s\S]*x-iglu-vendor: com\.acme[\s\S]*a_done:[\s\S]*b_done:/);
  });

  it('a schema it cannot express is refused with its place: ✗, exit 1, never ✓, the rest written', async () => {
    const dir = tmp({
      'reg/ok.json': JSON.stringify({ title: 'ok_done', type: 'object', properties: { id: { type: ['string', 'integer'] } } }),
      'reg/list.json': JSON.stringify({ title: 'list_done', type: 'object', properties: { pair: { type: 'array', items: { type: 'string' }, contains: { const: 'x' } } } }),
    });
    const r = await run(['import', 'jsonschema', 'reg', '--out', 'acme.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^  list\.json:1:\d+ #\/properties\/pair\/contains 'list_done' is not imported \(none of its 1 schema\): 'contains' \(on 'pair'\) is a JSON Schema keyword the taxonomy format cannot hold/m);
    expect(r.out).toContain('✗ wrote acme.yaml (1 events)');
    expect(r.out).not.toMatch(/✓ (imported|wrote)/);
    expect(readFileSync(join(dir, 'acme.yaml'), 'utf8')).toMatch(/ok_done:[\s\S]*id: \{type: \[string, integer\]\}[\s\S]*# TODO\(import\): event 'list_done' not imported/);
  });

  it('imports a Markdown doc', async () => {
    const dir = tmp({ 'doc.md': '# Shop\n\n| Event | Required Properties | When to emit |\n|---|---|---|\n| `cart.viewed` | `cartId` | Cart opened |\n' });
    const r = await run(['import', 'markdown', 'doc.md'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cart\.viewed:\n {4}description: Cart opened\n {4}trigger: Cart opened\n {4}properties:\n {6}cartId: \{type: string, required: true\}/);
  });

  it('markdown without tables: a clear report, exit 1', async () => {
    const dir = tmp({ 'notes.md': 'Some prose about analytics.\n' });
    const r = await run(['import', 'markdown', 'notes.md'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no tables, event headings or event lists found: nothing to import');
  });

  it.each([
    [['import'], /import needs a source kind: segment, jsonschema or markdown/],
    [['import', 'avro', 'x'], /unknown import source 'avro'/],
    [['import', 'segment'], /import segment needs a file to read/],
    [['import', 'segment', 'missing.json'], /'missing\.json' does not exist/],
    [['import', 'segment', 'dir'], /'dir' is a folder; pass a file/],
    [['import', 'jsonschema', 'plan.json'], /'plan\.json' is a file; pass the folder that holds the schemas/],
    [['import', 'segment', 'latin1.json'], /'latin1\.json' is not UTF-8 text/],
    [['import', 'segment', 'plan.json', '--domain', 'Shop Stuff'], /--domain must be a lower snake_case id/],
    [['import', 'segment', 'plan.json', 'other.json'], /import takes one source; got 2/],
    [['import', 'segment', 'plan.json', '--format', 'xml'], /--format must be human or json/],
  ])('usage and I/O errors exit 2 without a stack trace: %j', async (args, pattern) => {
    const dir = tmp({ 'plan.json': PLAN, 'dir/x.json': '{}', 'latin1.json': Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
    const r = await run(args, dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
    expect(r.err).not.toMatch(/at .*\.js:\d+/);
  });

  it('has --help with examples', async () => {
    const r = await run(['import', '--help'], repo);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: taxonomy import <segment\|jsonschema\|markdown>[\s\S]*Examples:\n {2}taxonomy import segment plan\.json --out taxonomy\/domains\/shop\.yaml/);
    expect((await run(['help', 'export'], repo)).out).toMatch(/Usage: taxonomy export <segment\|iglu>[\s\S]*Examples:/);
    expect((await run(['--help'], repo)).out).toMatch(/ {2}import +import a Segment[\s\S]* {2}export +export the taxonomy/);
  });
});

describe('taxonomy export', () => {
  it('segment: the plan on stdout (notes on stderr), or to --out', async () => {
    const r = await run(['export', 'segment', '--domains', 'workbench'], repo);
    expect(r.code).toBe(0);
    // Seed 002's 15 events and workbench.workflow_created (ours).
    expect(JSON.parse(r.out).rules).toHaveLength(16);
    expect(r.err).toContain('16 rules; event metadata');
    const out = join(tmp(), 'plan.json');
    const w = await run(['export', 'segment', '--out', out], repo);
    expect(w.out).toBe(`✓ exported 137 rules to ${out}\n`);
    expect(JSON.parse(readFileSync(out, 'utf8')).rules).toHaveLength(137); // the seeds' 136 events and workbench.workflow_created (ours)
  });

  it('iglu: a registry under --out, and it imports back', async () => {
    const dir = tmp();
    const r = await run(['export', 'iglu', '--out', join(dir, 'iglu'), '--domains', 'workbench,slackbot'], repo);
    expect(r.code).toBe(0);
    // workbench: the seed's 15 events and workbench.workflow_created (ours); slackbot: 21.
    expect(r.out).toBe(`✓ exported 37 schemas to ${join(dir, 'iglu')}/schemas\n`);
    expect(readdirSync(join(dir, 'iglu/schemas/com.acme'))).toHaveLength(37);
    expect(existsSync(join(dir, 'iglu/schemas/com.acme/workbench-draft_created/jsonschema/1-0-0'))).toBe(true);
    const back = await run(['import', 'jsonschema', 'iglu', '--domain', 'both'], dir);
    expect(back.code).toBe(1); // shared keys with different shapes across the two domains are findings
    expect(back.err).toContain('✓ taxonomy check of the imported domain: no errors');
    expect(Object.keys((parse(back.out) as { events: object }).events)).toHaveLength(37);
  });

  it.each([
    [['export'], 2, /export needs a target: segment or iglu/],
    [['export', 'avro'], 2, /unknown export target 'avro'/],
    [['export', 'segment', '--domains', 'nope'], 2, /unknown domain 'nope'; the taxonomy has chat_sdk/],
    [['export', 'segment', '--vendor', 'com.x'], 2, /--vendor applies to export iglu only/],
    [['export', 'segment', 'no/such/dir'], 2, /taxonomy folder 'no\/such\/dir' does not exist/],
  ])('errors: %j exits %i', async (args, code, pattern) => {
    const r = await run(args, repo);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(pattern);
  });

  it('a taxonomy without a vendor: iglu exits 1 with the fix, unless --vendor', async () => {
    const dir = tmp({ 'taxonomy/taxonomy.yaml': 'name: t\nversion: 1.0.0\n', 'taxonomy/domains/d.yaml': 'domain: d\nevents:\n  a_done: {}\n' });
    const r = await run(['export', 'iglu', '--out', 'reg'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no vendor for 'a_done'\n    → set vendor: (reverse DNS, e.g. com.acme) in taxonomy.yaml, or pass --vendor");
    expect((await run(['export', 'iglu', '--out', 'reg', '--vendor', 'com.t'], dir)).code).toBe(0);
    expect(existsSync(join(dir, 'reg/schemas/com.t/a_done/jsonschema/1-0-0'))).toBe(true);
  });

  it('an Iglu registry with revisions, a tuple and a context: import, then export writes every SchemaVer back, each the same schema as its original', async () => {
    const fixtures = join(repo, 'packages/interop/test/fixtures/shapes/registry/schemas');
    const picked = ['com.northwind.retail/product_viewed', 'com.northwind.retail/cart_lines', 'net.mediaco/player_heartbeat'];
    const files: Record<string, string> = { 'taxonomy/taxonomy.yaml': 'name: t\nversion: 1.0.0\nvendor: com.northwind.retail\n' };
    for (const d of picked) for (const v of readdirSync(join(fixtures, d, 'jsonschema'))) files[`reg/schemas/${d}/jsonschema/${v}`] = readFileSync(join(fixtures, d, 'jsonschema', v), 'utf8');
    const dir = tmp(files);
    const r = await run(['import', 'jsonschema', 'reg', '--out', 'taxonomy/domains/retail.yaml', '--domain', 'retail'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ wrote taxonomy/domains/retail.yaml (3 events)');
    const w = await run(['export', 'iglu', '--out', 'out'], dir);
    expect(w.code).toBe(0);
    expect(w.out).toBe(`✓ exported 7 schemas to out/schemas\n`);
    const paths = Object.keys(files).filter((p) => p.startsWith('reg/')).map((p) => p.slice('reg/'.length)).sort();
    for (const p of paths) {
      const exported = JSON.parse(readFileSync(join(dir, 'out', p), 'utf8')) as Record<string, unknown>;
      // Keyword order aside, each export is its original: every R-A at its own path.
      expect(exported, p).toEqual(JSON.parse(files[`reg/${p}`]!));
    }
  });

  it('a taxonomy with errors exports nothing and exits 1', async () => {
    const dir = tmp({ 'taxonomy/taxonomy.yaml': 'name: t\nversion: 1.0.0\n', 'taxonomy/domains/d.yaml': 'domain: d\nevents:\n  a_done: { properties: { x: { ref: nope } } }\n' });
    const r = await run(['export', 'segment'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown property ref 'nope'[\s\S]*nothing exported/);
    expect(r.out).toBe('');
  });
});
