import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { Property, TaxonomyEvent } from '../model.js';

/**
 * Identity: names that differ only in case or separators (`signup`, `SIGNUP`, `sign_up`,
 * `sign.up`) mean the same thing to a reader and collide in every generated name that
 * folds case (SQL views, dbt models, files on a case-insensitive disk). Within one domain
 * (events) and one payload (property keys) such names are refused; across domains they are
 * legitimate and the generators keep their outputs apart.
 *
 * `$` is kept: PostHog's `$set` and a plain `set` are different things on purpose.
 */
export function foldName(name: string): string {
  return name.toLowerCase().replace(/[._\-\s]/g, '');
}

/**
 * A name with no letter or digit (`_`, `__`, `$_`) folds to nothing: every identifier derived from
 * it would be a made-up placeholder, and two such names would collide. Returns false (and reports)
 * for such a name.
 */
function emptyAfterFolding(kind: 'event' | 'property', name: string, location: SourceLocation, diagnostics: Diagnostic[]): boolean {
  if (/[A-Za-z0-9]/.test(name)) return true;
  // A global property is merged into every payload: one finding at its definition.
  if (diagnostics.some((d) => d.code === 'identity/empty' && d.location === location)) return false;
  diagnostics.push({
    code: 'identity/empty', severity: 'error', location,
    message: `${kind} name '${name}' has no letter or digit: it is empty once case and separators are folded, so no identifier (tracker method, SQL column, Python or Go name) can be derived from it`,
    hint: `give the ${kind} a name with at least one letter`,
  });
  return false;
}

const at = (l: SourceLocation) => `${l.file}:${l.line}:${l.column}`;

/** Events of one domain whose folded names collide: one error on each later event, naming the first. */
export function checkEventIdentity(events: readonly TaxonomyEvent[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, TaxonomyEvent>();
  for (const ev of events) {
    const key = foldName(ev.name);
    if (!emptyAfterFolding('event', ev.name, ev.location, diagnostics)) continue;
    const first = seen.get(key);
    if (!first) { seen.set(key, ev); continue; }
    diagnostics.push({
      code: 'identity/event', severity: 'error', location: ev.location,
      message: `event '${ev.name}' differs from '${first.name}' (${at(first.location)}) only in case or separators; within domain '${ev.domain}' they would be read, and generated, as one event`,
      hint: `rename one of them so that the names differ in letters, or merge them into one event`,
    });
  }
}

/** Property keys of one payload (an event's properties with its globals, or an object's properties) that fold to one name. */
export function checkPayloadIdentity(owner: string, properties: readonly Property[], diagnostics: Diagnostic[]): void {
  const seen = new Map<string, Property>();
  for (const p of properties) {
    const key = foldName(p.name);
    const first = seen.get(key);
    if (!emptyAfterFolding('property', p.name, p.location, diagnostics)) { /* reported at its definition */ } else if (!first) seen.set(key, p);
    else {
      const inherited = [first, p].find((x) => x.origin !== 'event');
      diagnostics.push({
        code: 'identity/property', severity: 'error', location: p.location,
        message: `property '${p.name}' of ${owner} differs from '${first.name}' (${at(first.location)}) only in case or separators; one payload cannot hold both`,
        hint: inherited ? `rename the event's own property, or leave the inherited one out with exclude_global_properties: [${inherited.name}]` : 'rename one of them',
      });
    }
    if (p.properties) checkPayloadIdentity(`${owner}.${p.name}`, p.properties, diagnostics);
  }
}
