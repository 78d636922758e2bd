import { didYouMean, type TaxonomyModel } from '@taxonomy/core';
import { buildCatalog, type Catalog } from './catalog.js';
import { renderMarkdown } from './render.js';
import { eventRow, propertyRows, type Linker } from './view-event.js';
import { indexView, metricsView, privacyView } from './view-pages.js';

/**
 * In-place sections: a hand-written Markdown file holds
 *   <!-- taxonomy:events domain=workbench -->  …  <!-- /taxonomy:events -->
 * and everything between the two markers is replaced by a generated table; the
 * prose around them is never touched. Markers inside fenced code blocks are text.
 */
export const SECTION_KINDS = {
  events: { params: ['domain', 'category', 'status'], required: [] as string[], doc: 'events table (optionally of a domain, category or status)' },
  properties: { params: ['event'], required: ['event'], doc: 'property table of one event' },
  metrics: { params: ['domain'], required: [] as string[], doc: 'metric-to-events mapping (optionally of one domain)' },
  categories: { params: [], required: [] as string[], doc: 'category table' },
  privacy: { params: [], required: [] as string[], doc: 'do-not-log / safe-to-log lists and privacy classes' },
} as const;
type Kind = keyof typeof SECTION_KINDS;

export interface SectionError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint: string;
}

export interface SectionResult {
  /** The updated text (the input unchanged when there are errors). */
  readonly text: string;
  readonly changed: boolean;
  readonly sections: number;
  readonly errors: readonly SectionError[];
}

/** In-place tables link nowhere: the file may live anywhere relative to the catalog. */
const NO_LINKS: Linker = { event: () => undefined, metric: () => undefined, domain: () => undefined, category: () => undefined, privacyClass: () => undefined };

const MARKER = /^(\s*)<!--\s*(\/?)taxonomy:([A-Za-z0-9_-]*)((?:\s+[^\s=]+=(?:"[^"]*"|[^\s"]+))*)\s*-->\s*$/;
const PARAM = /([^\s=]+)=(?:"([^"]*)"|([^\s"]+))/g;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

interface Open { kind: Kind; params: Record<string, string>; line: number; column: number; valid: boolean }

function render(cat: Catalog, kind: Kind, params: Record<string, string>): string {
  switch (kind) {
    case 'events': {
      const rows = cat.model.events
        .filter((e) => (!params.domain || e.domain === params.domain) && (!params.category || e.category === params.category) && (!params.status || e.status === params.status))
        .map((e) => eventRow(cat, e, NO_LINKS));
      return renderMarkdown('section-events', { rows });
    }
    case 'properties':
      return renderMarkdown('section-properties', { rows: propertyRows(cat.event(params.event!)!.properties, cat, NO_LINKS) });
    case 'metrics': {
      const metrics = metricsView(cat, NO_LINKS).metrics.filter((m) => !params.domain || cat.domainsOfMetric(m.name).includes(params.domain));
      return renderMarkdown('section-metrics', { metrics });
    }
    case 'categories':
      return renderMarkdown('section-categories', indexView(cat, NO_LINKS, ''));
    case 'privacy':
      return renderMarkdown('section-privacy', privacyView(cat, NO_LINKS));
  }
}

/** Checks a marker's parameters against the model; returns an error message and hint, or undefined. */
function checkParams(cat: Catalog, kind: Kind, params: Record<string, string>): [string, string] | undefined {
  const spec = SECTION_KINDS[kind];
  for (const k of Object.keys(params)) {
    if (!(spec.params as readonly string[]).includes(k)) {
      return [`unknown parameter '${k}' for taxonomy:${kind}`, spec.params.length ? `use ${spec.params.map((p) => `${p}=…`).join(', ')}` : `taxonomy:${kind} takes no parameters`];
    }
  }
  for (const k of spec.required) if (!params[k]) return [`taxonomy:${kind} needs ${k}=…`, `name the ${k}, e.g. <!-- taxonomy:${kind} ${k}=… -->`];
  const known = (what: string, value: string | undefined, names: readonly string[]): [string, string] | undefined => {
    if (value === undefined || names.includes(value)) return undefined;
    const m = didYouMean(value, names);
    return [`unknown ${what} '${value}'${m ? ` (did you mean '${m}'?)` : ''}`, `use ${what === 'event' ? 'an' : 'a'} ${what} defined in the taxonomy`];
  };
  return known('domain', params.domain, cat.model.domains.map((d) => d.name))
    ?? known('category', params.category, cat.model.categories.map((c) => c.name))
    ?? known('status', params.status, ['planned', 'active', 'deprecated'])
    ?? known('event', params.event, cat.model.events.map((e) => e.name));
}

export function updateSections(text: string, file: string, model: TaxonomyModel, catalog?: Catalog): SectionResult {
  const cat = catalog ?? buildCatalog(model);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  const errors: SectionError[] = [];
  const error = (line: number, column: number, message: string, hint: string) => errors.push({ file, line, column, message, hint });
  let open: Open | undefined;
  let fence: string | undefined;
  let sections = 0;

  lines.forEach((line, i) => {
    const n = i + 1;
    const f = FENCE.exec(line);
    if (!open && f) {
      // A fence closes with the same character, at least as long (CommonMark).
      if (!fence) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length) fence = undefined;
      out.push(line);
      return;
    }
    if (fence) { out.push(line); return; }
    const m = MARKER.exec(line);
    if (!m) {
      const at = line.search(/<!--\s*\/?taxonomy:/);
      if (at >= 0) error(n, at + 1, 'malformed taxonomy marker', 'write it alone on its line as <!-- taxonomy:KIND key=value … --> (values without spaces, or in double quotes)');
      if (!open) out.push(line);
      return;
    }
    const [, indent, close, name, rawParams] = m;
    const column = indent!.length + 1;
    if (!(name! in SECTION_KINDS)) {
      const s = didYouMean(name!, Object.keys(SECTION_KINDS));
      error(n, column, `unknown marker 'taxonomy:${name}'${s ? ` (did you mean 'taxonomy:${s}'?)` : ''}`, `known markers: ${Object.keys(SECTION_KINDS).map((k) => `taxonomy:${k}`).join(', ')}`);
      if (!open) out.push(line);
      return;
    }
    const kind = name as Kind;
    if (close) {
      if (!open) error(n, column, `closing marker <!-- /taxonomy:${kind} --> without an opening one`, `add <!-- taxonomy:${kind} … --> before the section, or remove this line`);
      else if (open.kind !== kind) error(n, column, `expected <!-- /taxonomy:${open.kind} --> (opened at line ${open.line}), found <!-- /taxonomy:${kind} -->`, 'close the sections in the order they were opened');
      else {
        if (open.valid) out.push('', ...render(cat, kind, open.params).replace(/\n$/, '').split('\n'), '');
        sections++;
        open = undefined;
      }
      out.push(line);
      return;
    }
    if (open) {
      error(n, column, `taxonomy:${kind} opens inside taxonomy:${open.kind} (opened at line ${open.line})`, `close the first one with <!-- /taxonomy:${open.kind} --> before opening another`);
      return;
    }
    const params: Record<string, string> = Object.create(null);
    let bad: [string, string] | undefined;
    for (const p of rawParams!.matchAll(PARAM)) {
      if (p[1]! in params) bad ??= [`parameter '${p[1]}' given twice`, 'keep one'];
      params[p[1]!] = p[2] ?? p[3]!;
    }
    bad ??= checkParams(cat, kind, params);
    if (bad) error(n, column, bad[0], bad[1]);
    open = { kind, params, line: n, column, valid: !bad };
    out.push(line);
  });
  if (open) error(open.line, open.column, `taxonomy:${open.kind} is never closed`, `add <!-- /taxonomy:${open.kind} --> on its own line after the section`);
  if (errors.length) return { text, changed: false, sections: 0, errors };
  const next = out.join(eol);
  return { text: next, changed: next !== text, sections, errors };
}
