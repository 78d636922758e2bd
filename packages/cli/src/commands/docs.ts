import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatDiagnostic, loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { buildSite, docsGenerator, SECTION_KINDS, updateSections, type DocsOptions } from '@taxonomy/gen-docs';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { resolveOptions } from './generate.js';

export const DOCS_HELP = `Usage: taxonomy docs --update [files...] [--check] [--taxonomy dir]
       taxonomy docs --site <out> [--taxonomy dir]

--update fills the generated sections of hand-written Markdown files and leaves
the prose around them untouched. A section is written between two markers:

  <!-- taxonomy:events domain=workbench -->
  (generated table)
  <!-- /taxonomy:events -->

Markers:${Object.entries(SECTION_KINDS).map(([k, v]) => `\n  taxonomy:${k.padEnd(11)}${v.doc}${v.params.length ? ` [${v.params.map((p) => `${p}=`).join(' ')}]` : ''}`).join('')}

Without files, every Markdown file under the taxonomy folder's parent that holds
a marker is updated (node_modules, dist, fixtures, dot-folders and the docs
catalog are skipped).

--site writes a static, self-contained HTML site (search, filters, a page per
event and metric; open index.html, no server needed) into <out>.

Options:
  --check           with --update: write nothing; exit 1 when a section is stale
  --taxonomy dir    the taxonomy folder (default: taxonomy/)

Exit codes: 0 ok, 1 taxonomy errors, marker errors or stale sections, 2 usage or I/O error.`;

/** Folders never searched for Markdown files with markers (test fixtures hold stale sections on purpose). */
const SKIP = new Set(['node_modules', 'dist', 'coverage', 'fixtures']);
/** The manifest that marks a folder as ours, so stale pages can be removed safely. */
const SITE_MANIFEST = '.taxonomy-site.json';

function markdownFiles(root: string, exclude: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      if (n.startsWith('.') || SKIP.has(n)) continue;
      const p = join(d, n);
      if (p === exclude) continue;
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (n.endsWith('.md') && readFileSync(p, 'utf8').includes('taxonomy:')) out.push(p);
    }
  };
  walk(root);
  return out;
}

function loadModel(dir: string, io: Io): TaxonomyModel | number {
  const loaded = loadTaxonomy(resolve(io.cwd, dir), { cwd: io.cwd });
  if (loaded.ioError) { for (const d of loaded.diagnostics) io.err(formatDiagnostic(d) + '\n'); return EXIT.usage; }
  if (loaded.failed || !loaded.model) {
    for (const d of loaded.diagnostics) if (d.severity === 'error') io.err(formatDiagnostic(d) + '\n');
    io.err(`✗ the taxonomy has errors; no docs written (run 'taxonomy check' for details)\n`);
    return EXIT.findings;
  }
  return loaded.model;
}

export function runUpdate(model: TaxonomyModel, taxDir: string, files: readonly string[], check: boolean, io: Io): number {
  const rootDir = dirname(resolve(io.cwd, taxDir));
  const catalogOut = resolve(rootDir, model.generators.docs?.out ?? docsGenerator.defaultOut);
  const paths = files.length ? files.map((f) => resolve(io.cwd, f)) : markdownFiles(rootDir, catalogOut);
  for (const p of paths) if (!existsSync(p) || !statSync(p).isFile()) throw new UsageError(`no such file: ${relative(io.cwd, p) || p}`);
  let errors = 0, stale = 0, sections = 0;
  for (const p of paths) {
    const shown = relative(io.cwd, p).split(sep).join('/');
    const text = readFileSync(p, 'utf8');
    const r = updateSections(text, shown, model);
    for (const e of r.errors) {
      io.err(formatDiagnostic({ code: 'docs/marker', severity: 'error', message: e.message, hint: e.hint, location: { file: e.file, line: e.line, column: e.column } }) + '\n');
    }
    errors += r.errors.length;
    sections += r.sections;
    if (!r.changed) continue;
    stale++;
    if (check) io.err(`~ ${shown}: generated sections are out of date\n`);
    else { writeFileSync(p, r.text); io.out(`✓ ${shown}: ${r.sections} section${r.sections === 1 ? '' : 's'} updated\n`); }
  }
  if (errors) { io.err(`✗ ${errors} marker error${errors === 1 ? '' : 's'}; the files with errors were not changed\n`); return EXIT.findings; }
  if (check && stale) { io.err(`✗ ${stale} file${stale === 1 ? '' : 's'} out of date. Run 'taxonomy docs --update' and commit the result.\n`); return EXIT.findings; }
  io.out(`✓ ${sections} section${sections === 1 ? '' : 's'} in ${paths.length} file${paths.length === 1 ? '' : 's'} ${check ? 'up to date' : `checked, ${stale} file${stale === 1 ? '' : 's'} updated`}\n`);
  return EXIT.ok;
}

export function runSite(model: TaxonomyModel, out: string, io: Io): number {
  const dir = resolve(io.cwd, out);
  const manifestPath = join(dir, SITE_MANIFEST);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--site ${out}: is a file, not a folder`);
  let previous: string[] = [];
  if (existsSync(dir) && readdirSync(dir).length) {
    if (!existsSync(manifestPath)) throw new UsageError(`--site ${out}: the folder is not empty and was not written by 'taxonomy docs --site'; choose an empty or new folder`);
    try { previous = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: string[] }).files; } catch { throw new UsageError(`--site ${out}: ${SITE_MANIFEST} is unreadable; delete the folder and run again`); }
  }
  const files = buildSite(model, resolveOptions(docsGenerator, model) as DocsOptions);
  const next = new Set(files.map((f) => f.path));
  for (const f of files) {
    const p = resolve(dir, f.path);
    if (!p.startsWith(dir + sep)) throw new Error(`site file outside its folder: ${f.path}`);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.contents);
  }
  let removed = 0;
  for (const f of previous) {
    const p = resolve(dir, f);
    if (next.has(f) || !p.startsWith(dir + sep) || !existsSync(p)) continue;
    rmSync(p);
    removed++;
  }
  writeFileSync(manifestPath, JSON.stringify({ generator: 'taxonomy docs --site', files: [...next].sort() }, null, 2) + '\n');
  const rel = relative(io.cwd, dir);
  const shown = !rel ? '.' : rel.startsWith('..') ? dir : rel;
  io.out(`✓ site: ${files.length} files in ${shown}${removed ? ` (${removed} stale removed)` : ''}; open ${join(shown, 'index.html')}\n`);
  return EXIT.ok;
}

export const docsCommand: Command = {
  name: 'docs',
  help: DOCS_HELP,
  run(args, io) {
    const { values, positionals } = parse(args, { update: { type: 'boolean' }, check: { type: 'boolean' }, site: { type: 'string' }, taxonomy: { type: 'string', default: 'taxonomy' } });
    if (values.help) { io.out(DOCS_HELP + '\n'); return EXIT.ok; }
    const site = typeof values.site === 'string' ? values.site : undefined;
    if (!values.update && site === undefined) throw new UsageError('docs needs --update [files...] or --site <out>');
    if (site === '') throw new UsageError('--site needs a folder');
    if (values.check && !values.update) throw new UsageError('--check goes with --update');
    if (positionals.length && !values.update) throw new UsageError(`unexpected argument '${positionals[0]}': files go with --update`);
    const taxDir = String(values.taxonomy);
    const model = loadModel(taxDir, io);
    if (typeof model === 'number') return model;
    let code: number = EXIT.ok;
    if (values.update) code = runUpdate(model, taxDir, positionals, !!values.check, io);
    if (site !== undefined && code === EXIT.ok) code = runSite(model, site, io);
    return code;
  },
};
