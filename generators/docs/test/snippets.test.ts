// Item 6 of issue 20: every event page shows the call in TypeScript, Python and Go and an
// example payload. Each snippet is checked by its language's own tools against the package
// its generator writes (tsc --strict; pyright --strict and mypy --strict for 3.9; go vet and
// go build), and every example payload validates against the event's JSON Schema; on the
// seed taxonomy and on a hostile one (keywords, names differing in case, enum values and
// descriptions holding backticks, newlines, U+2028, triple quotes, */ and backslashes).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, type GeneratedFile, type TaxonomyModel } from '@taxonomy/core';
import { buildSite, examplePayload, fromPattern, pageNames, renderCatalog, usages } from '@taxonomy/gen-docs';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { goFiles } from '@taxonomy/gen-go';
import { pythonFiles } from '@taxonomy/gen-python';
import { typescriptGenerator, buildView } from '@taxonomy/gen-typescript';
import { model, repo } from './helpers.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');

const EVIL = 'tick `x` ```fence``` """ */ back\\slash \u2028 sep \n newline \'s\' ${x}';

function hostileModel(): TaxonomyModel {
  const dir = mkdtempSync(join(tmpdir(), 'docs-snippets-'));
  mkdirSync(join(dir, 'domains'));
  const d = JSON.stringify(EVIL);
  writeFileSync(join(dir, 'taxonomy.yaml'), 'name: hostile\nversion: 1.0.0\ndefault_destinations: [warehouse]\n');
  writeFileSync(join(dir, 'destinations.yaml'), 'destinations:\n  warehouse: { kind: warehouse, description: W. }\n');
  writeFileSync(join(dir, 'privacy.yaml'), 'classes:\n  internal: { description: I., sensitivity: 1 }\n');
  writeFileSync(join(dir, 'categories.yaml'), 'categories:\n  core: { description: C. }\n');
  const ev = (name: string, props: string) => `  ${name}:\n    category: core\n    description: ${d}\n    trigger: ${d}\n    properties:\n${props}`;
  writeFileSync(join(dir, 'domains', 'class.yaml'), `domain: class\nevents:\n${[
    ev('class', ['class', 'type', 'func', 'import', 'len', 'self', 'None', 'nil', 'range'].map((k) => `      ${k}: { type: string, required: ${k !== 'range'}, description: ${d} }\n`).join('')),
    ev('type', `      kind: { type: string, enum: [${d}, "plain", "it's \\"q\\""], required: true, description: ${d} }\n`),
    // Keys that differ only in case may not share a payload (identity/property): one per event.
    ev('func', '      userId: { type: string, required: true }\n'),
    ev('len', '      userid: { type: integer }\n'),
    ev('self', '      UserId: { type: boolean }\n'),
    ev('import', `      obj:\n        type: object\n        required: true\n        properties:\n          class: { type: string, required: true, enum: [${d}] }\n          len: { type: integer, minimum: 5 }\n      list: { type: array, items: { type: object, properties: { n: { type: number, required: true } } } }\n      counts: { type: object, values: { type: integer } }\n`),
    ev('foo', '      a: { type: string }\n'),
  ].join('')}`);
  // Event names that differ only in case may not share a domain (identity/event): Foo lives in another.
  writeFileSync(join(dir, 'domains', 'other.yaml'), `domain: other\nevents:\n${ev('Foo', '      a: { type: string }\n')}`);
  const r = loadTaxonomy(dir, { cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  if (r.failed || !r.model) throw new Error(r.diagnostics.map((x) => `${x.location.file}:${x.location.line} ${x.message}`).join('\n'));
  return r.model;
}

function write(dir: string, files: readonly { path: string; contents: string }[]) {
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
}

const indent = (s: string, by: string) => s.split('\n').map((l) => by + l).join('\n');

interface Case { readonly name: string; readonly model: () => TaxonomyModel }
const CASES: Case[] = [{ name: 'seed', model: () => model() }, { name: 'hostile', model: hostileModel }];

describe.each(CASES)('the event pages of the $name taxonomy', ({ model: load }) => {
  let m: TaxonomyModel;
  let dir: string;
  let usage: ReturnType<typeof usages>;
  beforeAll(() => {
    m = load();
    usage = usages(m);
    // Under node_modules so that the generated TypeScript resolves @taxonomy/runtime.
    mkdirSync(join(repo, 'node_modules/.cache'), { recursive: true });
    dir = mkdtempSync(join(repo, 'node_modules/.cache/docs-snippets-'));
  });
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('show the three calls and the payload on every event page, escaped for Markdown and HTML', () => {
    const md = new Map(renderCatalog(m).map((f) => [f.path, f.contents]));
    const html = new Map(buildSite(m).map((f) => [f.path, f.contents]));
    const names = pageNames(m);
    for (const e of m.events) {
      const u = usage(e);
      const text = md.get(`events/${names.event(e.name)}.md`)!;
      expect(text, `the Markdown page of ${e.name}`).toBeDefined();
      for (const code of [u.typescript, u.python, u.go, u.payload]) {
        expect(text).toContain(code);
        // The fence is longer than any backtick run of the code it holds.
        const before = text.slice(0, text.indexOf(code)).split('\n').at(-2)!;
        const fence = before.match(/^`+/)![0];
        expect(code.includes(fence)).toBe(false);
        expect(code).not.toMatch(/[\u2028\u2029\r]/);
      }
      const site = html.get(`events/${names.event(e.name)}.html`)!;
      expect(site, `the site page of ${e.name}`).toBeDefined();
      for (const code of [u.typescript, u.python, u.go, u.payload]) expect(site).toContain(escapeHtml(code));
    }
  });

  it('every example payload validates against its event’s schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const bad: string[] = [];
    for (const e of m.events) {
      const validate = ajv.compile(eventSchema(m, e));
      const payload = JSON.parse(usage(e).payload);
      expect(payload).toEqual(examplePayload(e));
      if (!validate({ event: e.name, properties: payload })) bad.push(`${e.name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(bad).toEqual([]);
  });

  it('every TypeScript call type-checks (tsc --strict) against the generated tracker', async () => {
    const ts = join(dir, 'ts');
    const files = (await typescriptGenerator.generate(m, {})) as GeneratedFile[];
    write(join(ts, 'tracker'), files);
    const view = buildView(m);
    const globalsOf = new Map(view.domains.flatMap((d) => d.events.map((ev) => [ev.event.name, ev.globalKeys] as const)));
    const body = m.events.map((e, i) => {
      const payload = examplePayload(e);
      const globals = Object.fromEntries((globalsOf.get(e.name) ?? []).map((k) => [k, payload[k]]));
      return `export function call${i}(): void {\n  const tracker = createTracker({ globals: ${JSON.stringify(globals).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')} });\n${indent(usage(e).typescript, '  ')}\n}\n`;
    }).join('\n');
    write(ts, [
      { path: 'package.json', contents: '{"type":"module"}' },
      { path: 'snippets.ts', contents: `import { createTracker } from './tracker/index.js';\n\n${body}` },
      { path: 'tsconfig.json', contents: JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: [], skipLibCheck: false }, files: ['snippets.ts'] }) },
    ]);
    const r = spawnSync(join(repo, 'node_modules/.bin/tsc'), ['-p', join(ts, 'tsconfig.json')], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 320_000);

  it('every Python call type-checks (pyright --strict and mypy --strict, Python 3.9) against the generated package', () => {
    const py = join(dir, 'py');
    write(py, pythonFiles(m, { packageName: 'pkg' }));
    const body = m.events.map((e, i) => `def call${i}() -> None:\n${indent(usage(e).python, '    ')}\n`).join('\n\n');
    write(py, [
      { path: 'snippets.py', contents: `from pkg import FunctionSink, Tracker\n\ntracker = Tracker(FunctionSink(lambda e: None), drain_at_exit=False)\n\n\n${body}` },
      { path: 'pyrightconfig.json', contents: JSON.stringify({ pythonVersion: '3.9', typeCheckingMode: 'strict', include: ['snippets.py'] }) },
    ]);
    const pr = spawnSync(join(repo, 'node_modules/.bin/pyright'), ['-p', join(py, 'pyrightconfig.json')], { cwd: py, encoding: 'utf8', timeout: 300_000 });
    expect(pr.status, pr.stdout + pr.stderr).toBe(0);
    const my = spawnSync('/usr/bin/python3', ['-m', 'mypy', '--strict', '--python-version', '3.9', '--no-incremental', '--cache-dir', join(py, '.mypy'), 'snippets.py'], { cwd: py, encoding: 'utf8', timeout: 300_000 });
    expect(my.status, my.stdout + my.stderr).toBe(0);
  }, 620_000);

  it('every Go call passes go vet and go build against the generated module', () => {
    const go = join(dir, 'go');
    write(join(go, 'tracker'), goFiles(m, { modulePath: 'example.com/tracker' }));
    const body = m.events.map((e) => indent(usage(e).go, '\t')).join('\n');
    write(join(go, 'use'), [
      { path: 'go.mod', contents: `module example.com/use\n\ngo 1.19\n\nrequire example.com/tracker v0.0.0\n\nreplace example.com/tracker => ../tracker\n` },
      { path: 'main.go', contents: `package main\n\nimport (\n\t"context"\n\n\ttracker "example.com/tracker"\n)\n\nfunc main() {\n\tclient := tracker.NewClient(tracker.Options{})\n\tdefer client.Close(context.Background())\n${body}\n}\n` },
    ]);
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOSUMDB: 'off', GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'go-cache') };
    const vet = spawnSync('go', ['vet', '.'], { cwd: join(go, 'use'), encoding: 'utf8', env, timeout: 300_000 });
    expect(vet.status, vet.stdout + vet.stderr).toBe(0);
    const build = spawnSync('go', ['build', '-o', join(go, 'use.bin'), '.'], { cwd: join(go, 'use'), encoding: 'utf8', env, timeout: 300_000 });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 620_000);
});

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;');
}

describe('example strings for patterns', () => {
  it.each([
    ['^[TE][A-Z0-9]+$', 'TA'],
    ['^[a-z]{3}-\\d{2}$', 'aaa-11'],
    ['^v\\d+(\\.\\d+)?$', 'v1.1'],
    ['^(a|b)$', undefined],
    ['^[^x]+$', undefined],
  ])('%s gives %s', (pattern, want) => {
    const got = fromPattern(pattern);
    expect(got).toBe(want);
    if (got !== undefined) expect(new RegExp(pattern, 'u').test(got)).toBe(true);
  });
});
