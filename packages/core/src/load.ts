import { existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compareDiagnostics, type Diagnostic } from './diagnostics.js';
import type { TaxonomyModel } from './model.js';
import { resolveTaxonomy, type TypedFile } from './resolve/taxonomy.js';
import { validateFile, type FileKind } from './schema.js';
import type { ParseCache } from './parse-cache.js';
import { readYamlBytes, readYamlFile, type ReadResult } from './source.js';
import { MAX_FILES, walkTaxonomy } from './walk.js';
import { nameLengthFindings } from './name-limits.js';
import { derivedNameFindings, namespaceFindings } from './derived-names.js';

export interface LoadOptions {
  /** Paths in diagnostics are shown relative to this folder. Default: process.cwd(). */
  readonly cwd?: string;
  /** Parsed files by content, to skip parsing what did not change (see ParseCache). Default: none. */
  readonly parseCache?: ParseCache;
}

export interface LoadResult {
  /** The model, when the files could be resolved (it may still come with warnings, or errors in other files). */
  readonly model?: TaxonomyModel;
  readonly diagnostics: readonly Diagnostic[];
  /** True when a finding is an error. */
  readonly failed: boolean;
  /** True when the folder itself could not be read (a usage/IO problem, exit code 2). */
  readonly ioError: boolean;
}

const LAYOUT_HINT = 'a taxonomy folder holds taxonomy.yaml, privacy.yaml, destinations.yaml, properties.yaml (or properties/*.yaml), categories.yaml (or categories/*.yaml), metrics.yaml (or metrics/*.yaml) and domains/*.yaml';
/** Files and folders that are never taxonomy sources. */
const SKIP = new Set(['node_modules', '.git']);

/** Which kind a file is, from where it sits in the taxonomy folder. */
export function kindOf(rel: string): FileKind | undefined {
  const parts = rel.split('/');
  const base = parts[parts.length - 1]!.replace(/\.ya?ml$/, '');
  if (parts.length === 1) {
    if (base === 'taxonomy') return 'root';
    if (base === 'privacy' || base === 'destinations' || base === 'properties' || base === 'categories' || base === 'metrics') return base;
    return undefined;
  }
  const dir = parts[0];
  if (dir === 'domains') return 'domain';
  if (dir === 'properties' || dir === 'categories' || dir === 'metrics') return dir;
  return undefined;
}

const display = (cwd: string, p: string) => relative(cwd, p).split(sep).join('/') || '.';

/** Deep-freezes the model and drops undefined keys, so generators see stable, immutable data. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    if (!Array.isArray(value)) for (const k of Object.keys(value)) if ((value as Record<string, unknown>)[k] === undefined) delete (value as Record<string, unknown>)[k];
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Loads, validates and resolves the taxonomy in `dir`. Never throws for bad input. */
export function loadTaxonomy(dir: string, opts: LoadOptions = {}): LoadResult {
  const cwd = opts.cwd ?? process.cwd();
  const shown = display(cwd, dir);
  const io = (message: string, hint: string): LoadResult => ({ diagnostics: [{ code: 'io/no-taxonomy', severity: 'error', message, hint, location: { file: shown, line: 1, column: 1 } }], failed: true, ioError: true });
  if (!existsSync(dir)) return io(`taxonomy folder '${shown}' does not exist`, 'pass the folder that holds taxonomy.yaml (default: taxonomy/), or run from the repository root');
  if (!statSync(dir).isDirectory()) return io(`'${shown}' is a file, not a folder`, 'pass the folder that holds taxonomy.yaml');

  const walked = walkTaxonomy(dir, (p) => display(cwd, p));
  if (walked.tooMany) return io(`'${shown}' holds more than ${MAX_FILES} YAML files`, 'point at the taxonomy folder, not a parent of it');
  if (walked.files.length === 0 && walked.diagnostics.length === 0) {
    return { diagnostics: [{ code: 'layout/empty', severity: 'error', location: { file: shown, line: 1, column: 1 }, message: `no taxonomy files in '${shown}'`, hint: `create ${shown}/taxonomy.yaml (name: and version:) and a domain under ${shown}/domains/; ${LAYOUT_HINT}` }], failed: true, ioError: false };
  }
  const entries = walked.files.map((f) => ({ rel: relative(dir, f.abs).split(sep).join('/'), shown: display(cwd, f.abs), read: () => readYamlFile(f.real, display(cwd, f.abs), opts.parseCache) }));
  return loadEntries(entries, shown, walked.diagnostics);
}

/** A taxonomy file from anywhere (disk, a git tree): its path inside the taxonomy folder and its bytes. */
export interface TaxonomySourceFile {
  /** Path relative to the taxonomy folder, with forward slashes (domains/workbench.yaml). */
  readonly path: string;
  readonly contents: Uint8Array | string;
}

/**
 * Loads a taxonomy from in-memory files (for example read from a git ref without a
 * checkout). `displayDir` prefixes paths in diagnostics (default 'taxonomy').
 */
export function loadTaxonomyFromFiles(files: readonly TaxonomySourceFile[], displayDir = 'taxonomy', opts: Pick<LoadOptions, 'parseCache'> = {}): LoadResult {
  const sorted = [...files].filter((f) => /\.ya?ml$/.test(f.path) && !f.path.split('/').some((s) => s.startsWith('.') || SKIP.has(s))).sort((a, b) => (a.path < b.path ? -1 : 1));
  if (sorted.length === 0) {
    return { diagnostics: [{ code: 'layout/empty', severity: 'error', location: { file: displayDir, line: 1, column: 1 }, message: `no taxonomy files in '${displayDir}'`, hint: `create ${displayDir}/taxonomy.yaml (name: and version:) and a domain under ${displayDir}/domains/` }], failed: true, ioError: false };
  }
  return loadEntries(sorted.map((f) => {
    const shown = `${displayDir}/${f.path}`;
    const bytes = typeof f.contents === 'string' ? Buffer.from(f.contents, 'utf8') : f.contents;
    return { rel: f.path, shown, read: () => readYamlBytes(bytes, shown, bytes.length, opts.parseCache) };
  }), displayDir);
}

interface Entry { rel: string; shown: string; read: () => ReadResult }

function loadEntries(entries: Entry[], shown: string, found: readonly Diagnostic[] = []): LoadResult {
  const diagnostics: Diagnostic[] = [...found];
  const paths = entries.map((e) => e.rel);
  const typed: TypedFile[] = [];
  for (const entry of entries) {
    const rel = entry.rel;
    const shownPath = entry.shown;
    const kind = kindOf(rel);
    if (!kind) {
      diagnostics.push({ code: 'layout/unknown-file', severity: 'error', location: { file: shownPath, line: 1, column: 1 }, message: `'${rel}' is not a known taxonomy file`, hint: `move it: ${LAYOUT_HINT}` });
      continue;
    }
    const r = entry.read();
    diagnostics.push(...r.diagnostics);
    if (!r.file) continue;
    const schemaErrors = validateFile(r.file, kind);
    diagnostics.push(...schemaErrors);
    // A file that fails its schema is left out of resolution: its errors are already reported.
    if (schemaErrors.length === 0) typed.push({ kind, file: r.file });
  }
  const roots = entries.filter((e) => kindOf(e.rel) === 'root');
  if (roots.length === 0) {
    diagnostics.push({ code: 'layout/no-root', severity: 'error', location: { file: shown, line: 1, column: 1 }, message: `'${shown}' has no taxonomy.yaml`, hint: `create ${shown}/taxonomy.yaml with at least name: and version: (e.g. name: my-analytics, version: 1.0.0)` });
  } else if (roots.length > 1) {
    diagnostics.push({ code: 'layout/two-roots', severity: 'error', location: { file: roots[1]!.shown, line: 1, column: 1 }, message: 'both taxonomy.yaml and taxonomy.yml exist', hint: 'keep one of them' });
  }

  const model = resolveTaxonomy(typed, diagnostics);
  if (model) diagnostics.push(...nameLengthFindings(model), ...derivedNameFindings(model), ...namespaceFindings(model));
  diagnostics.sort(compareDiagnostics);
  return { model: model ? freeze(model) : undefined, diagnostics, failed: diagnostics.some((d) => d.severity === 'error'), ioError: false };
}
