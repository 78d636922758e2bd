// Issue 17's hostile names: each test is named after the row it guards.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { project, run } from './cli-run.js';

const domainFile = (dir: string) => join(dir, 'taxonomy/domains/workbench.yaml');
const edit = (dir: string, f: (s: string) => string) => writeFileSync(domainFile(dir), f(readFileSync(domainFile(dir), 'utf8')));
/** Every file under `dir`, relative. */
const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(dir.length + 1));

describe('issue 17: hostile names', () => {
  it('a property named hasOwnProperty generates (exit 0) and the types compile', async () => {
    const dir = project();
    edit(dir, (s) => s.replace('property_naming: snake', 'property_naming: camel').replace('draft_id: { ref: draft_id, required: true }', 'draftId: { type: string }\n      hasOwnProperty: { type: string, required: true }\n      toString: { type: integer }'));
    const r = await run(['generate'], dir);
    expect(r.err).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const dts = readFileSync(join(dir, 'packages/types/index.d.ts'), 'utf8');
    expect(dts).toMatch(/^\s+hasOwnProperty: string;?$/m);
    expect(dts).toMatch(/^\s+toString\?: number;?$/m);
    expect(dts).not.toMatch(/__taxonomy_reserved_/);
    writeFileSync(join(dir, 'packages/types/use.ts'), "import type { WorkbenchDraftCreatedProperties as P } from './index.js';\nexport const p: P = { hasOwnProperty: 'x', toString: 1 };\n");
    const program = ts.createProgram([join(dir, 'packages/types/use.ts')], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
  });

  it.each([260, 200])('an event name of %i characters is a located error in check, before any write', async (length) => {
    const dir = project();
    const name = 'workbench.' + 'a'.repeat(length - 'workbench.'.length);
    edit(dir, (s) => s.replace('workbench.draft_created:', `${name}:`));
    const line = readFileSync(domainFile(dir), 'utf8').split('\n').findIndex((l) => l.trimStart().startsWith(`${name}:`)) + 1;
    expect(line).toBeGreaterThan(0);
    const check = await run(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(new RegExp(`^taxonomy/domains/workbench\\.yaml:${line}:3 error event name is ${length} characters; .* over the 63 a SQL name may have \\[naming/too-long\\]`, 'm'));
    const gen = await run(['generate'], dir);
    expect(gen.code).toBe(1);
    expect(files(dir).filter((f) => !f.startsWith('taxonomy/') && !f.startsWith('.taxonomy-cache/'))).toEqual([]);
  });

  it('the longest event name check accepts still gets its SQL view and dbt model', async () => {
    const dir = project();
    const name = 'workbench.' + 'a'.repeat(59 - 'workbench__'.length);
    edit(dir, (s) => s.replace('workbench.draft_created:', `${name}:`));
    expect((await run(['generate'], dir)).code).toBe(0);
    const sqlName = name.replace('.', '__');
    expect(existsSync(join(dir, `dbt/models/staging/stg_${sqlName}.sql`))).toBe(true);
    expect(readdirSync(join(dir, 'packages/sql/sqlite')).map((f) => readFileSync(join(dir, 'packages/sql/sqlite', f), 'utf8')).join('')).toContain(`ev_${sqlName}`);
  });
});
