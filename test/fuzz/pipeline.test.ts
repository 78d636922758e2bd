// Issue 17 item 3: random taxonomies through `taxonomy generate` (load and every generator;
// the first CHILD_RUNS cases through the real bin in a child process, the rest in process),
// asserting: exit 0, 1 or 2 and no throw; file names inside their folder; SQL
// loads in SQLite and DuckDB; Markdown rendered by markdown-it (html: true) holds no live
// HTML; every YAML output loads as YAML 1.1 (the yaml package with version 1.1, and PyYAML,
// dbt's loader, when python3 has it); the TypeScript output
// type-checks (one program for the whole run). CI runs FUZZ_RUNS cases (default 10);
// `npm run fuzz -- --runs N` runs more. A failure prints the seed and the case's folder.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import Database from 'better-sqlite3';
import { DuckDBInstance } from '@duckdb/node-api';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '@taxonomy/cli';
import { taxonomyFiles } from './taxonomy-arb.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const CHILD_RUNS = 2;
const BIN = join(import.meta.dirname, '../../packages/cli/bin/taxonomy.js');
const SEED = Number(process.env.FUZZ_SEED ?? 17);
const md = new MarkdownIt({ html: true });

/** Every file under `dir`, relative, with forward slashes. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'));

function writeCase(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'taxonomy', p)), { recursive: true });
    writeFileSync(join(root, 'taxonomy', p), text);
  }
}

/** HTML that markdown-it passes through as HTML: anything but the generated-by comment. */
function liveHtml(markdown: string): string[] {
  const out: string[] = [];
  const visit = (tokens: ReturnType<typeof md.parse>) => {
    for (const t of tokens) {
      if ((t.type === 'html_block' || t.type === 'html_inline') && !/^\s*<!--[\s\S]*-->\s*$/.test(t.content)) out.push(t.content.trim().slice(0, 80));
      if (t.children) visit(t.children);
    }
  };
  visit(md.parse(markdown, {}));
  return out;
}

async function checkSql(root: string): Promise<void> {
  const dir = join(root, 'packages/sql');
  const order = ['schema.sql', 'views.sql', 'retention.sql'];
  const sqlite = new Database(':memory:');
  try {
    for (const f of order) sqlite.exec(readFileSync(join(dir, 'sqlite', f), 'utf8'));
  } finally {
    sqlite.close();
  }
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    for (const f of order) await duck.run(readFileSync(join(dir, 'duckdb', f), 'utf8'));
  } finally {
    duck.closeSync();
  }
}

/** The real bin in a child process: its exit status, and a signal or a timeout as a failure. */
function runChild(root: string): { code: number | null; log: string } {
  const r = spawnSync(process.execPath, [BIN, 'generate', '--no-cache'], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  return { code: r.status, log: `${r.error ?? ''}${r.signal ? ` signal ${r.signal}` : ''}\n${r.stdout}${r.stderr}` };
}

async function runInProcess(root: string): Promise<{ code: number; log: string }> {
  let log = '';
  const io = { out: (t: string) => { log += t; }, err: (t: string) => { log += t; }, color: false, cwd: root };
  return { code: await main(['generate', '--no-cache'], io), log };
}

/** YAML 1.1 with the yaml package: every error of every document, file by file. */
function yaml11Errors(paths: string[]): string[] {
  return paths.flatMap((p) => parseAllDocuments(readFileSync(p, 'utf8'), { version: '1.1' }).flatMap((d) => d.errors.map((e) => `${p}: ${e.message}`)));
}

const hasPyYaml = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0;
if (!hasPyYaml) console.log('fuzz: python3 has no yaml module (PyYAML): YAML 1.1 is checked with the yaml package only');

describe('issue 17: the pipeline on random taxonomies', () => {
  it(`${RUNS} random taxonomies (seed ${SEED}): exit 0/1/2, safe file names, SQL, Markdown; then YAML and TypeScript for all`, async () => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'fuzz-pipeline-')));
    const generated: string[] = [];
    let n = 0;
    await fc.assert(fc.asyncProperty(taxonomyFiles, async (files) => {
      const index = n++;
      const root = join(base, `case-${index}`);
      writeCase(root, files);
      const { code, log } = index < CHILD_RUNS ? runChild(root) : await runInProcess(root);
      expect([0, 1, 2], `${root}: exit ${code}\n${log}`).toContain(code);
      expect(log, root).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
      if (code !== 0) return;
      generated.push(root);
      // Every file stays inside the case folder (a name can neither climb out nor be absolute).
      for (const f of filesUnder(root)) expect(f.startsWith('../') || f.includes('/../'), f).toBe(false);
      await checkSql(root);
      for (const f of filesUnder(join(root, 'docs/catalog')).filter((p) => p.endsWith('.md'))) {
        expect(liveHtml(readFileSync(join(root, 'docs/catalog', f), 'utf8')), `${root}/docs/catalog/${f}`).toEqual([]);
      }
    }), { numRuns: RUNS, seed: SEED, endOnFailure: true });

    expect(generated.length, 'some cases reached the generators').toBeGreaterThan(0);
    // The shapes reached the generators too: a tuple (prefixItems) in some generated schema.
    const schemaTexts = generated.flatMap((root) => filesUnder(join(root, 'packages/schemas')).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(root, 'packages/schemas', f), 'utf8')));
    expect(schemaTexts.some((t) => t.includes('"prefixItems"')), 'a tuple reached the generators').toBe(true);
    // YAML 1.1 (PyYAML, as dbt loads it): every YAML file of every case, one process.
    const yamlFiles = generated.flatMap((root) => filesUnder(root).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('taxonomy/')).map((f) => join(root, f)));
    expect(yamlFiles.length).toBeGreaterThan(0);
    expect(yaml11Errors(yamlFiles)).toEqual([]);
    if (!hasPyYaml) return checkTypeScript(generated);
    const py = spawnSync('python3', ['-c', 'import sys, json, yaml\nfor p in sys.argv[1:]:\n    with open(p, encoding="utf-8") as f:\n        try: yaml.safe_load(f)\n        except Exception as e: print(json.dumps([p, str(e)]))\n', ...yamlFiles], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    const failures = py.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as [string, string]);
    expect(failures.map(([p, e]) => `${p}: ${e}`)).toEqual([]);
    checkTypeScript(generated);
  }, Math.max(300_000, RUNS * 30_000));
});

/** TypeScript: one program over every case's generated TypeScript, strict, no error. */
function checkTypeScript(generated: string[]): void {
  const tsFiles = generated.flatMap((root) => ['tracker', 'types', 'metrics', 'validators', 'schemas', 'sql'].flatMap((d) => filesUnder(join(root, 'packages', d)).filter((f) => f.endsWith('.d.ts')).map((f) => join(root, 'packages', d, f))));
  expect(tsFiles.length).toBeGreaterThan(0);
  // The generated tracker imports the runtime by its package name: the workspace's build.
  const runtime = join(import.meta.dirname, '../../packages/runtime/dist');
  const paths = { '@taxonomy/runtime': [join(runtime, 'index.d.ts')], '@taxonomy/runtime/*': [join(runtime, '*.d.ts')] };
  const program = ts.createProgram(tsFiles, { strict: true, noEmit: true, skipLibCheck: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [], paths });
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  expect(errors.slice(0, 10)).toEqual([]);
}
