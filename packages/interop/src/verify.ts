import { loadTaxonomyFromFiles, type Diagnostic, type LoadResult, type TaxonomySourceFile } from '@taxonomy/core';
import type { DraftDomain, DraftMap } from './draft.js';

export interface VerifyOptions {
  /** The path the domain file is shown under in diagnostics (default taxonomy/domains/<domain>.yaml). */
  readonly displayPath?: string;
}

function collect(map: DraftMap | undefined, privacy: Set<string>): void {
  for (const p of map?.values() ?? []) {
    if (p.privacy) privacy.add(p.privacy);
    collect(p.properties, privacy);
    if (p.items) collect(new Map([['', p.items]]), privacy);
    if (p.values) collect(new Map([['', p.values]]), privacy);
    collect(p.patternProperties, privacy);
    for (const v of [...(p.oneOf ?? []), ...(p.anyOf ?? [])]) collect(new Map([['', v]]), privacy);
  }
}

/**
 * The ids the imported domain refers to that live in other taxonomy files
 * (privacy classes, categories): the minimal taxonomy declares them, and the report
 * says they must exist in the real one.
 */
export function externalIds(d: DraftDomain): { privacy: string[]; categories: string[] } {
  const privacy = new Set<string>();
  collect(d.globalProperties, privacy);
  collect(d.properties, privacy);
  const categories = new Set<string>();
  for (const e of d.events) {
    collect(e.properties, privacy);
    collect(e.personSet, privacy);
    collect(e.personSetOnce, privacy);
    if (e.category) categories.add(e.category);
  }
  return { privacy: [...privacy].sort(), categories: [...categories].sort() };
}

const q = (s: string) => JSON.stringify(s);

/**
 * Loads the domain YAML with the core loader, next to a minimal taxonomy.yaml (and
 * stubs for the privacy classes and categories it names): what `taxonomy check`
 * would say about the file on its own.
 */
export function verifyDomainYaml(yamlText: string, d: DraftDomain, opts: VerifyOptions = {}): { result: LoadResult; diagnostics: Diagnostic[] } {
  const ids = externalIds(d);
  const files: TaxonomySourceFile[] = [
    { path: 'taxonomy.yaml', contents: 'name: imported\nversion: 0.1.0\n' },
    { path: `domains/${d.domain}.yaml`, contents: yamlText },
  ];
  if (ids.privacy.length) {
    files.push({ path: 'privacy.yaml', contents: `classes:\n${ids.privacy.map((c, i) => `  ${c}: { description: ${q(`imported (${c})`)}, sensitivity: ${Math.min(i, 10)} }`).join('\n')}\n` });
  }
  if (ids.categories.length) {
    files.push({ path: 'categories.yaml', contents: `categories:\n${ids.categories.map((c) => `  ${c}: { description: ${q(`imported (${c})`)} }`).join('\n')}\n` });
  }
  const result = loadTaxonomyFromFiles(files, 'taxonomy');
  const shown = opts.displayPath ?? `taxonomy/domains/${d.domain}.yaml`;
  const diagnostics = result.diagnostics.map((x): Diagnostic => (x.location?.file === `taxonomy/domains/${d.domain}.yaml` ? { ...x, location: { ...x.location, file: shown } } : x));
  return { result, diagnostics };
}
