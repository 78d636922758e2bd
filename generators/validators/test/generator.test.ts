// The generator itself: the files it emits (golden, for the small fixture), that they are
// deterministic, ESM without require()/eval, and that index.d.ts type-checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { validatorsGenerator } from '@taxonomy/gen-validators';
import { link } from '../src/link.js';
import { forbiddenCalls, generateAndImport, loadMini } from './helpers.js';
import { expectGolden } from '../../../test/golden.js';

const model = loadMini();
const golden = join(import.meta.dirname, 'golden/mini');
const GOLDEN_FILES = ['index.d.ts', 'index.js', 'package.json'];

describe('validators generator', () => {
  it('emits index.js, runtime.js, index.d.ts and package.json', async () => {
    const files = await validatorsGenerator.generate(model, {});
    expect(files.map((f) => f.path)).toEqual(['index.d.ts', 'index.js', 'package.json', 'runtime.js']);
    expect(JSON.parse(files.find((f) => f.path === 'package.json')!.contents)).toMatchObject({ name: '@mini/validators', version: '0.3.0', type: 'module', exports: { '.': { types: './index.d.ts', import: './index.js' } } });
  });

  it('matches the reviewed golden files (UPDATE_GOLDEN=1 rewrites them)', async () => {
    const files = await validatorsGenerator.generate(model, {});
    for (const name of GOLDEN_FILES) {
      const contents = files.find((f) => f.path === name)!.contents;
      const path = join(golden, name);
      expectGolden(path, contents, name);
    }
  });

  it('is deterministic: two runs are byte-identical', async () => {
    const a = await validatorsGenerator.generate(model, {});
    const b = await validatorsGenerator.generate(model, {});
    expect(b).toEqual(a);
  });

  it('falls back to @<taxonomy>/validators without packages.validators', async () => {
    const files = await validatorsGenerator.generate({ ...model, packages: {} }, {});
    expect(JSON.parse(files.find((f) => f.path === 'package.json')!.contents).name).toBe('@mini/validators');
    const other = await validatorsGenerator.generate({ ...model, name: 'shop', packages: {} }, {});
    expect(JSON.parse(other.find((f) => f.path === 'package.json')!.contents).name).toBe('@shop/validators');
  });

  it('writes ES modules that call no require(), eval() or new Function(), and import only ./runtime.js', async () => {
    const { dir } = await generateAndImport(model);
    for (const f of ['index.js', 'runtime.js']) expect(forbiddenCalls(join(dir, f)), f).toEqual([]);
    const imports = [...readFileSync(join(dir, 'index.js'), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['./runtime.js']);
    expect(readFileSync(join(dir, 'runtime.js'), 'utf8')).not.toMatch(/^import /m);
  });

  it('index.d.ts type-checks and types the API', async () => {
    const { dir } = await generateAndImport(model);
    const use = join(dir, 'use.ts');
    writeFileSync(use, [
      `import { validateEvent, isEventName, events, type EventName } from './index.js';`,
      `const r = validateEvent('signup', {});`,
      `if (r.ok) { const n: 'signup' = r.event.event; void n; } else { const m: string = r.errors[0]!.message; void m; }`,
      `const names: EventName[] = events.map((e) => e.name);`,
      `const x: unknown = 'signup'; if (isEventName(x)) { const n: EventName = x; void n; }`,
      `// @ts-expect-error not an event of the taxonomy`,
      `const bad: EventName = 'nope';`,
      `void names; void bad;`,
    ].join('\n'));
    const program = ts.createProgram([use], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: false, types: [] });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
  });
});

describe('shared validators', () => {
  it('events with the same schema share one compiled function', async () => {
    const signup = model.events.find((e) => e.name === 'signup')!;
    const twin = { ...signup, name: 'signup_again' };
    const events = [...model.events, twin].sort((a, b) => (a.name < b.name ? -1 : 1));
    const { dir, mod } = await generateAndImport({ ...model, events });
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    expect(code.match(/^exports\.p\d+ = /gm)).toHaveLength(model.events.length);
    expect(code).toMatch(/properties: \[c0\.(p\d+), c0\.\1, /);
    expect(mod.validateEvent('signup_again', { properties: { org_id: '1', plan: 'pro' } }).ok).toBe(true);
    expect(mod.validateEvent('signup_again', { properties: { org_id: '1', plan: 'x' } })).toMatchObject({ ok: false, errors: [{ path: '/properties/plan', rule: 'enum' }] });
  });
});

describe('link', () => {
  it('refuses a require() of a module it does not know', () => {
    expect(() => link([{ name: 'c0', code: 'const x = require("fs").readFileSync;' }])).toThrow("ajv's standalone code requires 'fs', which the validators generator does not know how to provide");
  });

  it('refuses text that merely ends in require(…)', () => {
    expect(() => link([{ name: 'c0', code: 'const x = myrequire("ajv/dist/runtime/equal");' }])).toThrow(/does not know how to provide/);
  });

  it('rewrites only real require calls, never text inside string literals', () => {
    const code = 'const a = require("ajv/dist/runtime/equal").default; const s = "require(\\"ajv/dist/runtime/equal\\")";';
    const out = link([{ name: 'c0', code }]);
    expect(out.helpers).toEqual(['ajv/dist/runtime/equal']);
    expect(out.code).toContain('const a = __ajvRuntime["ajv/dist/runtime/equal"].default;');
    expect(out.code).toContain('const s = "require(\\"ajv/dist/runtime/equal\\")";');
  });
});
