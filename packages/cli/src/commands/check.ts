import { dirname, resolve } from 'node:path';
import { formatDiagnostic, loadTaxonomy, type Diagnostic } from '@taxonomy/core';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse } from '../args.js';
import { ParseCacheStore } from '../parse-cache-store.js';

export interface CheckOptions {
  readonly dir: string;
  readonly format: 'human' | 'json';
  /** Warnings fail the check too. */
  readonly strict: boolean;
  /** Use the parse cache in .taxonomy-cache/parsed/ (default true). */
  readonly cache?: boolean;
}

export const CHECK_HELP = `Usage: taxonomy check [dir] [--format human|json] [--strict] [--no-cache]

Loads and validates the taxonomy (default dir: taxonomy/) and prints every
finding as file:line:col severity message [code], with what to do.

Options:
  --format json   machine-readable findings on stdout
  --strict        warnings fail the check as well
  --no-cache      parse every file; do not use .taxonomy-cache/parsed/ (files
                  that did not change are read from there, by content hash)

Exit codes: 0 clean (warnings allowed), 1 findings, 2 usage or I/O error.`;

function summary(diags: readonly Diagnostic[], events: number, domains: number, metrics: number): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  const counts = `${events} events in ${domains} domains, ${metrics} metrics`;
  if (!errors && !warnings) return `✓ taxonomy is clean: ${counts}`;
  return `${errors ? '✗' : '✓'} ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (${counts})`;
}

export function runCheck(opts: CheckOptions, io: Io): number {
  const taxDir = resolve(io.cwd, opts.dir);
  const parseCache = opts.cache !== false ? ParseCacheStore.forRoot(dirname(taxDir)) : undefined;
  const result = loadTaxonomy(taxDir, { cwd: io.cwd, parseCache });
  if (!result.ioError) parseCache?.prune();
  const m = result.model;
  if (opts.format === 'json') {
    io.out(JSON.stringify({
      ok: !result.failed && !(opts.strict && result.diagnostics.length > 0),
      errors: result.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
      diagnostics: result.diagnostics,
      stats: m ? { events: m.events.length, domains: m.domains.length, metrics: m.metrics.length, properties: m.properties.length } : undefined,
    }, null, 2) + '\n');
  } else {
    for (const d of result.diagnostics) (d.severity === 'error' ? io.err : io.out)(formatDiagnostic(d) + '\n');
    io.out(summary(result.diagnostics, m?.events.length ?? 0, m?.domains.length ?? 0, m?.metrics.length ?? 0) + '\n');
  }
  if (result.ioError) return EXIT.usage;
  if (result.failed) return EXIT.findings;
  if (opts.strict && result.diagnostics.length) return EXIT.findings;
  return EXIT.ok;
}

export const checkCommand: Command = {
  name: 'check',
  help: CHECK_HELP,
  run(args, io) {
    const { values, positionals } = parse(args, { format: { type: 'string', default: 'human' }, strict: { type: 'boolean', default: false }, 'no-cache': { type: 'boolean' } });
    if (values.help) { io.out(CHECK_HELP + '\n'); return EXIT.ok; }
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json; got '${String(values.format)}'`);
    if (positionals.length > 1) throw new UsageError(`check takes one folder; got ${positionals.length}`);
    return runCheck({ dir: positionals[0] ?? 'taxonomy', format: values.format, strict: !!values.strict, cache: !values['no-cache'] }, io);
  },
};
