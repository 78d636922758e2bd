import { hasOlderVersions, revisionChain, schemaVer, type EventVersion, type Property, type Shape, type TaxonomyEvent } from '@taxonomy/core';
import type { Catalog } from './catalog.js';
import { typeText, type Rich } from './describe.js';
import type { Usage, UsageOf } from './example.js';
import { rich } from './markdown-escape.js';
import { code, propertyRows, text, type Linker, type PropertyRow } from './view-event.js';

/** One older live version of an event, as its page shows it. */
export interface VersionView {
  readonly version: number;
  readonly schemaVer: string;
  readonly description: Rich;
  /** What the next version changed, one entry a line (top-level properties). */
  readonly changes: readonly Rich[];
  readonly next: number;
  readonly properties: readonly PropertyRow[];
  /** How an app still on this version sends it (its own method or struct); null when the page shows no calls. */
  readonly usage: Usage | null;
  /** Its earlier revisions (`revisions:`), newest first; empty when it has none. */
  readonly revisions: readonly RevisionView[];
}

/** One earlier REVISION-ADDITION of a version, as its page lists it. */
export interface RevisionView {
  readonly schemaVer: string;
  readonly description: Rich;
  /** What the next revision changed, in one line: `2-1-0`: `total`: …; `giftNote` removed. */
  readonly changes: Rich;
}

/**
 * The earlier revisions of one version, newest first, each with what the next revision (or
 * the version itself) changed, in the words versionChanges uses between versions.
 */
export function revisionViews(v: EventVersion): RevisionView[] {
  const chain = revisionChain(v);
  const out: RevisionView[] = [];
  for (let i = chain.length - 2; i >= 0; i--) {
    const r = chain[i]!, next = chain[i + 1]!;
    const changes = versionChanges(r.properties, next.properties);
    const joined: Rich = changes.length ? changes.flatMap((c, k) => (k ? [...text('; '), ...c] : c)) : text('no change to its properties (its payload rules or words only)');
    out.push({ schemaVer: schemaVer(r), description: rich(r.description), changes: [...code(schemaVer(next)), ...text(': '), ...joined] });
  }
  return out;
}

/** The shape of a property without its words: what "changed" means between two versions (an int64 bound as its digits). */
function data(s: Shape): string {
  return JSON.stringify(s, (k, v: unknown) => (k === 'description' || k === 'examples' || k === 'location' || k === 'ref' || k === 'origin' ? undefined : typeof v === 'bigint' ? `${v}n` : v));
}

/** What changed from one version's properties to the next's, in plain words. */
export function versionChanges(from: readonly Property[], to: readonly Property[]): Rich[] {
  const before = new Map(from.map((p) => [p.name, p] as const));
  const after = new Map(to.map((p) => [p.name, p] as const));
  const out: Rich[] = [];
  for (const p of to) {
    const b = before.get(p.name);
    if (!b) out.push([...code(p.name), ...text(` added (${typeText(p)}, ${p.required ? 'required' : 'optional'})`)]);
    else if (b.type !== p.type) out.push([...code(p.name), ...text(`: ${typeText(b)} → ${typeText(p)}`)]);
    else if (b.required !== p.required) out.push([...code(p.name), ...text(p.required ? ' became required' : ' became optional')]);
    else if (data(b) !== data(p)) out.push([...code(p.name), ...text(': its values or constraints changed')]);
  }
  for (const b of from) if (!after.has(b.name)) out.push([...code(b.name), ...text(' removed')]);
  return out;
}

/** Every older live version of an event, newest first, with what the next one changed; empty for one version. */
export function versionViews(cat: Catalog, e: TaxonomyEvent, links: Linker, usage?: UsageOf): VersionView[] {
  if (!hasOlderVersions(e)) return [];
  const out: VersionView[] = [];
  for (let i = e.versions.length - 2; i >= 0; i--) {
    const v = e.versions[i]!, next = e.versions[i + 1]!;
    out.push({
      version: v.version, schemaVer: schemaVer(v), next: next.version,
      description: rich(v.description),
      changes: versionChanges(v.properties, next.properties),
      properties: propertyRows(v.properties, cat, links),
      usage: usage ? usage(e, v.version) : null,
      revisions: revisionViews(v),
    });
  }
  return out;
}
