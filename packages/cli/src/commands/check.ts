import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compareDiagnostics, formatDiagnostic, loadTaxonomy, type Diagnostic } from '@taxonomy/core';
import { ALL_RULES, checkTree, diffTaxonomies, governanceConfig, runPlugins, TREE_RULES, type Finding, type PluginSource } from '@taxonomy/governance';

/** Files of the working tree under a folder (paths relative to `root`), for custom rules. */
function diskSource(root: string): PluginSource {
  const walk = (dir: string): string[] => {
    const abs = join(root, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) return [];
    return readdirSync(abs).sort().flatMap((n) => {
      const rel = dir ? `${dir}/${n}` : n;
      if (n === 'node_modules' || n === '.git') return [];
      return statSync(join(root, rel)).isDirectory() ? walk(rel) : [rel];
    });
  };
  return { list: walk, read: (p) => (existsSync(join(root, p)) ? readFileSync(join(root, p)) : undefined) };
}
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { ParseCacheStore } from '../parse-cache-store.js';
import { checkDate } from './govern.js';

export interface CheckOptions {
  readonly dir: string;
  readonly format: 'human' | 'json';
  /** Warnings fail the check too. */
  readonly strict: boolean;
  /** Use the parse cache in .taxonomy-cache/parsed/ (default true). */
  readonly cache?: boolean;
  /** The date waivers and lifecycle dates are measured against (default: today, UTC). */
  readonly today?: string;
}

export const CHECK_HELP = `Usage: taxonomy check [dir] [--format human|json] [--strict] [--no-cache] [--today YYYY-MM-DD]

Loads and validates the taxonomy (default dir: taxonomy/), runs every governance
rule that needs no base ref (privacy, doc-first, metric labels, routing, config;
same ids and levels as taxonomy govern, from taxonomy.yaml rules:) and prints every
finding as file:line:col severity message [code], with what to do. This is the
whole-tree verdict: existing problems count. Pull requests are gated by
taxonomy govern, which blocks only on what a change introduces.

Options:
  --format json   machine-readable findings on stdout
  --strict        warnings fail the check as well
  --no-cache      parse every file; do not use .taxonomy-cache/parsed/ (files
                  that did not change are read from there, by content hash)
  --today <date>  the date waivers are measured against (default: today, UTC)

Exit codes: 0 clean (warnings allowed), 1 findings, 2 usage or I/O error.`;

/** A governance finding in the loader's shape, so check prints and counts both alike. */
const asDiagnostic = (f: Finding): Diagnostic => ({ code: f.id, severity: f.level === 'error' ? 'error' : 'warning', message: f.message, hint: f.fix, ...(f.location ? { location: f.location } : {}) });

function summary(diags: readonly Diagnostic[], events: number, domains: number, metrics: number): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  const counts = `${events} events in ${domains} domains, ${metrics} metrics`;
  if (!errors && !warnings) return `✓ taxonomy is clean: ${counts}`;
  return `${errors ? '✗' : '✓'} ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (${counts})`;
}

export async function runCheck(opts: CheckOptions, io: Io): Promise<number> {
  const taxDir = resolve(io.cwd, opts.dir);
  const parseCache = opts.cache !== false ? ParseCacheStore.forRoot(dirname(taxDir)) : undefined;
  const result = loadTaxonomy(taxDir, { cwd: io.cwd, parseCache });
  if (!result.ioError) parseCache?.prune();
  const m = result.model;
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  // Custom rules from the working tree (check has no base): the same modules govern reads from the base.
  const plugins = m?.governance?.plugins?.length
    ? await runPlugins({ patterns: m.governance.plugins, source: diskSource(dirname(taxDir)), timeoutMs: m.governance.pluginTimeoutMs, builtinIds: ALL_RULES.map((r) => r.id), jobs: [{ base: undefined, head: m, facts: { today, config: governanceConfig(m), diff: diffTaxonomies(undefined, m) } }] })
    : { rules: [], problems: [] };
  const rules = [...TREE_RULES, ...plugins.rules.filter((r) => !r.compares)];
  const policy = m ? checkTree(m, { today, diagnostics: result.diagnostics, pluginErrors: plugins.problems, customRuleIds: plugins.rules.map((r) => r.id) }, rules).filter((f) => f.level !== 'info').map(asDiagnostic) : [];
  // doc/category says what the loader's event/no-category warning says, as an error: once is enough.
  const categorised = new Set(policy.filter((d) => d.code === 'doc/category').map((d) => JSON.stringify(d.location)));
  const loader = result.diagnostics.filter((d) => !(d.code === 'event/no-category' && categorised.has(JSON.stringify(d.location))));
  const all = [...loader, ...policy].sort(compareDiagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  if (opts.format === 'json') {
    io.out(JSON.stringify({
      ok: errors === 0 && !(opts.strict && all.length > 0),
      errors,
      warnings: all.length - errors,
      diagnostics: all,
      stats: m ? { events: m.events.length, domains: m.domains.length, metrics: m.metrics.length, properties: m.properties.length } : undefined,
    }, null, 2) + '\n');
  } else {
    for (const d of all) (d.severity === 'error' ? io.err : io.out)(formatDiagnostic(d) + '\n');
    io.out(summary(all, m?.events.length ?? 0, m?.domains.length ?? 0, m?.metrics.length ?? 0) + '\n');
  }
  if (result.ioError) return EXIT.usage;
  if (result.failed || errors > 0) return EXIT.findings;
  if (opts.strict && all.length) return EXIT.findings;
  return EXIT.ok;
}

export const checkCommand: Command = {
  name: 'check',
  help: CHECK_HELP,
  run(args, io) {
    const { values, positionals } = parse(args, { format: { type: 'string', default: 'human' }, strict: { type: 'boolean', default: false }, 'no-cache': { type: 'boolean' }, today: { type: 'string' } });
    if (values.help) { io.out(CHECK_HELP + '\n'); return EXIT.ok; }
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json; got '${String(values.format)}'`);
    if (positionals.length > 1) throw new UsageError(`check takes one folder; got ${positionals.length}`);
    const today = typeof values.today === 'string' ? checkDate(values.today) : undefined;
    return runCheck({ dir: positionals[0] ?? 'taxonomy', format: values.format, strict: !!values.strict, cache: !values['no-cache'], ...(today ? { today } : {}) }, io);
  },
};
