import { formatLocation, type Diagnostic } from '@taxonomy/core';

/**
 * What an import did, item by item. Nothing the source says is dropped without a
 * line here: what became taxonomy (created), what was inferred rather than read
 * (guessed), what has no place in the taxonomy format (unmapped, also a TODO
 * comment in the YAML), and what the source does against good practice (findings).
 */
export interface ReportItem {
  /** Where in the source: file:line:col, optionally with a JSON pointer (file:line:col #/rules/3). */
  readonly where: string;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

export interface ImportReport {
  /** The importer: segment, jsonschema or markdown. */
  readonly format: string;
  readonly source: string;
  /** The domain id the import wrote (known once the source is read). */
  domain: string;
  readonly created: ReportItem[];
  readonly guessed: ReportItem[];
  readonly unmapped: ReportItem[];
  readonly findings: ReportItem[];
  /** Source content recognised as not being taxonomy (a config table, a code block): listed, not imported. */
  readonly skipped: ReportItem[];
  /** What `taxonomy check` says about the imported domain (loaded with a minimal taxonomy.yaml). */
  verification: readonly Diagnostic[];
}

export function newReport(format: string, source: string, domain: string): ImportReport {
  return { format, source, domain, created: [], guessed: [], unmapped: [], findings: [], skipped: [], verification: [] };
}

/** 0: everything mapped and the domain loads; 1: partial (unmapped items, findings or load errors). */
export function importExitCode(r: ImportReport): 0 | 1 {
  const errors = r.verification.some((d) => d.severity === 'error');
  return r.unmapped.length || r.findings.length || errors ? 1 : 0;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : w.endsWith('s') ? 'es' : 's'}`;

function section(title: string, items: readonly ReportItem[], mark: string): string[] {
  if (!items.length) return [];
  const out = [`${mark} ${title} (${items.length}):`];
  for (const it of items) {
    out.push(`  ${it.where ? `${it.where} ` : ''}${it.message}`);
    if (it.hint) out.push(`    → ${it.hint}`);
  }
  return out;
}

/**
 * The report as text. Loader warnings are grouped by code (an imported plan has no
 * categories, so every event warns the same way); errors are listed one by one.
 */
export function formatReport(r: ImportReport, opts: { created?: 'summary' | 'all' } = {}): string {
  const lines: string[] = [`import ${r.format} ${r.source} → domain '${r.domain}'`];
  if (opts.created === 'all') lines.push(...section('created', r.created, '+'));
  else lines.push(`+ created ${plural(r.created.length, 'item')}: ${r.created.slice(0, 5).map((c) => c.message).join('; ')}${r.created.length > 5 ? '; …' : ''}`);
  lines.push(...section('guessed', r.guessed, '~'));
  lines.push(...section('skipped (not taxonomy content)', r.skipped, '-'));
  lines.push(...section('could not map (TODO comments in the YAML)', r.unmapped, '✗'));
  lines.push(...section('findings', r.findings, '!'));
  const errors = r.verification.filter((d) => d.severity === 'error');
  const warnings = r.verification.filter((d) => d.severity !== 'error');
  if (errors.length) {
    lines.push(`✗ taxonomy check of the imported domain: ${plural(errors.length, 'error')}:`);
    for (const d of errors) lines.push(`  ${d.location ? `${formatLocation(d.location)} ` : ''}${d.message} [${d.code}]`, ...(d.hint ? [`    → ${d.hint}`] : []));
  } else {
    lines.push(`✓ taxonomy check of the imported domain: no errors`);
  }
  const byCode = new Map<string, Diagnostic[]>();
  for (const w of warnings) byCode.set(w.code, [...(byCode.get(w.code) ?? []), w]);
  for (const [code, ds] of [...byCode].sort()) {
    lines.push(`  warning ×${ds.length} [${code}] e.g. ${ds[0]!.message}`, ...(ds[0]!.hint ? [`    → ${ds[0]!.hint}`] : []));
  }
  const code = importExitCode(r);
  lines.push(code === 0
    ? `✓ imported: ${plural(r.created.length, 'item')} created, ${plural(r.guessed.length, 'guess')}, nothing left unmapped`
    : `✗ partial import: ${plural(r.unmapped.length, 'item')} could not be mapped, ${plural(r.findings.length, 'finding')}, ${plural(errors.length, 'check error')} (see above; the YAML carries a TODO comment for each unmapped item)`);
  return lines.join('\n') + '\n';
}
