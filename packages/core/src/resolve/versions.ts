import type { EventVersion, Property } from '../model.js';
import type { RawEvent, RawEventRevision } from '../raw-types.js';
import { suggestion } from '../diagnostics.js';
import { Cursor, extensionsOf } from './context.js';
import { resolvePropertyMap } from './property.js';
import { resolveObjectRules } from './shapes.js';
import { schemaVer } from '../versions.js';
import type { ObjectRules } from '../model.js';

/** The newest version of an event: the event itself. */
export interface NewestVersion {
  readonly version: number;
  readonly description?: string;
  readonly properties: readonly Property[];
  readonly payload: ObjectRules;
}

/**
 * Every live version of an event, oldest first, the newest (the event itself) last. Older
 * majors are written under `versions:` keyed by their number; each must be older than the
 * event's `version:`, and together they must leave no gap (v1 and v3 without v2), because
 * an app that sends the missing one would be refused with no shape to explain why.
 */
export function resolveVersions(name: string, raw: RawEvent, newest: NewestVersion, globals: readonly Property[], cur: Cursor): EventVersion[] {
  const older: EventVersion[] = [];
  for (const [key, rv] of Object.entries(raw.versions ?? {})) {
    const n = Number(key);
    const at = cur.at('versions', key);
    if (n === newest.version) {
      at.error('event/version-defined-twice', `version ${n} of '${name}' is defined twice: by the event itself (version: ${n}) and under versions:`,
        `the event's own properties are its newest version; keep only older majors under versions: (e.g. ${n - 1 >= 1 ? n - 1 : 'none'}), or set version: ${n + 1} if this entry is the older shape`, { key: true });
      continue;
    }
    if (n > newest.version) {
      at.error('event/version-ahead', `versions: ${n} of '${name}' is newer than the event's version ${newest.version}`,
        `the event itself is the newest version: set version: ${n} with its properties there, and keep version ${newest.version} under versions:`, { key: true });
      continue;
    }
    const own = { version: n, revision: rv.revision ?? 0, addition: rv.addition ?? 0 };
    older.push(Object.freeze({
      ...resolvePayload(name, rv, own, globals, at),
      revisions: resolveRevisions(name, rv.revisions, own, globals, at),
    }));
  }
  older.sort((a, b) => a.version - b.version);
  const live = [...older.map((v) => v.version), newest.version];
  for (let i = 0; i + 1 < live.length; i++) {
    const lo = live[i]!, hi = live[i + 1]!;
    if (hi === lo + 1) continue;
    const missing = hi - 1 === lo + 1 ? `version ${lo + 1}` : `versions ${lo + 1} to ${hi - 1}`;
    cur.at('versions', String(lo)).error('event/version-gap', `'${name}' keeps versions ${lo} and ${hi} live but not ${missing}`,
      `add ${missing} under versions: (the shape apps sent as that version), or remove version ${lo} if no app sends it any more`, { key: true });
  }
  const own = { version: newest.version, revision: raw.revision ?? 0, addition: raw.addition ?? 0 };
  const self: EventVersion = Object.freeze({
    ...own, frozen: false, revisions: resolveRevisions(name, raw.revisions, own, globals, cur),
    ...(newest.description !== undefined ? { description: newest.description } : {}),
    properties: newest.properties, ...newest.payload, extensions: {}, location: cur.location({ key: true }),
  });
  return [...older, self];
}

type RawPayload = RawEventRevision;
interface SchemaVer { readonly version: number; readonly revision: number; readonly addition: number }

/** A frozen payload as it was: a `versions:` entry or a `revisions:` entry (without its revisions). */
function resolvePayload(name: string, rv: RawPayload, own: SchemaVer, globals: readonly Property[], at: Cursor): Omit<EventVersion, 'revisions'> {
  const excluded = new Set(rv.exclude_global_properties ?? []);
  rv.exclude_global_properties?.forEach((g, i) => {
    if (!globals.some((p) => p.name === g)) {
      at.at('exclude_global_properties', i).error('ref/unknown-global', `'${g}' is not a global property${suggestion(g, globals.map((p) => p.name))}`, 'list only global properties of the taxonomy or this domain');
    }
  });
  const properties = resolvePropertyMap(rv.properties ?? {}, at.at('properties'), globals.filter((p) => !excluded.has(p.name)), 'event');
  return {
    ...own, frozen: true,
    ...(rv.description !== undefined ? { description: rv.description } : {}),
    properties, ...resolveObjectRules(rv, at, undefined, `${name} ${schemaVer(own)}`, properties.length),
    extensions: extensionsOf(rv), location: at.location({ key: true }),
  };
}

/**
 * The earlier REVISION-ADDITIONs of one model (`revisions:` keyed R-A), oldest first. Each must
 * be lower than the model's own revision-addition: the version itself is the newest of its model.
 */
function resolveRevisions(name: string, raw: RawEvent['revisions'], own: SchemaVer, globals: readonly Property[], cur: Cursor): EventVersion[] {
  const out: EventVersion[] = [];
  for (const [key, rr] of Object.entries(raw ?? {})) {
    const [r, a] = key.split('-').map(Number) as [number, number];
    const at = cur.at('revisions', key);
    if (r > own.revision || (r === own.revision && a >= own.addition)) {
      const mine = schemaVer(own);
      at.error('event/revision-ahead', `revisions: ${own.version}-${key} of '${name}' is not older than the version it belongs to (${mine})`,
        `the version itself is the newest of its model: set revision:/addition: to ${r}-${a} or higher there${r === own.revision && a === own.addition ? ' (this entry repeats it)' : ''}, and keep only earlier ones under revisions:`, { key: true });
      continue;
    }
    out.push(Object.freeze({ ...resolvePayload(name, rr, { version: own.version, revision: r, addition: a }, globals, at), revisions: [] }));
  }
  return out.sort((x, y) => x.revision - y.revision || x.addition - y.addition);
}
