import type { DraftDomain } from './draft.js';
import { emitDomainYaml } from './emit.js';
import { applyNaming } from './naming.js';
import { importExitCode, type ImportReport } from './report.js';
import { factorShared } from './shared.js';
import { externalIds, verifyDomainYaml } from './verify.js';

/** Options every importer takes. */
export interface ImportOptions {
  /** The domain id (lower snake_case). Default: from the source (plan name, vendor, title, file name). */
  readonly domain?: string;
  /** How the source is named in the report (a path). */
  readonly sourceName?: string;
  /** The `$schema=` target written on the first line of the YAML. */
  readonly schemaPath?: string;
  /** The path the YAML will be written to, for the check's diagnostics. */
  readonly outPath?: string;
}

export interface ImportResult {
  readonly domain: string;
  /** The domain file. */
  readonly yaml: string;
  readonly report: ImportReport;
  /** 0: clean; 1: partial (unmapped items, findings or check errors). */
  readonly exitCode: 0 | 1;
  readonly draft: DraftDomain;
}

/** The steps every importer ends with: naming, shared properties, YAML, and the check. */
export function finishImport(d: DraftDomain, report: ImportReport, opts: ImportOptions & { factor?: boolean }): ImportResult {
  const where = opts.sourceName ?? report.source;
  applyNaming(d, report, where);
  if (opts.factor !== false) factorShared(d, report, where);
  const yaml = emitDomainYaml(d, { schemaPath: opts.schemaPath });
  const ids = externalIds(d);
  if (ids.privacy.length) report.guessed.push({ where, message: `refers to privacy classes ${ids.privacy.join(', ')}`, hint: 'they must exist in taxonomy/privacy.yaml' });
  if (ids.categories.length) report.guessed.push({ where, message: `refers to categories ${ids.categories.join(', ')}`, hint: 'they must exist in taxonomy/categories.yaml (or categories/*.yaml)' });
  report.verification = verifyDomainYaml(yaml, d, { displayPath: opts.outPath }).diagnostics;
  return { domain: d.domain, yaml, report, exitCode: importExitCode(report), draft: d };
}
