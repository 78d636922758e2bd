import { isCalendarDate } from './property.js';
import { suggestion } from '../diagnostics.js';
import type { Domain, Property, TaxonomyEvent } from '../model.js';
import type { RawDomainFile, RawEvent } from '../raw-types.js';
import { Cursor, extensionsOf } from './context.js';
import { resolvePropertyMap } from './property.js';
import { EVENT_NAMING, PROPERTY_NAMING, describeConvention, toConvention } from './naming.js';
import { resolveVersions } from './versions.js';
import { resolveObjectRules } from './shapes.js';

/** What an event inherits: resolved before its events, once per domain. */
export interface DomainScope {
  readonly domain: Pick<Domain, 'name' | 'owner' | 'naming' | 'propertyNaming' | 'reservedPrefix' | 'destinations'> & { readonly contacts?: readonly string[] };
  /** Taxonomy globals refined by the domain's globals, then the domain's own globals. */
  readonly globals: readonly Property[];
  readonly categories: ReadonlySet<string>;
  readonly destinations: ReadonlySet<string>;
}

export function checkEventName(name: string, scope: DomainScope, cur: Cursor): void {
  const { naming, reservedPrefix } = scope.domain;
  let bare = name;
  if (name.startsWith('$')) {
    if (reservedPrefix !== '$') {
      cur.error('naming/reserved-prefix', `event '${name}' starts with '$', which is reserved for vendor events`,
        `rename it, or set reserved_prefix: "$" on the domain if it really is a vendor event (PostHog's $pageview)`, { key: true });
      return;
    }
    bare = name.slice(1);
  }
  if (naming && !EVENT_NAMING[naming].test(bare)) {
    cur.error('naming/event', `event '${name}' does not follow the domain's naming convention ${describeConvention(naming)}`,
      `rename it to '${(name.startsWith('$') ? '$' : '') + toConvention(bare, naming)}', or change naming: on the domain`, { key: true });
  }
}

function checkPropertyNames(props: readonly Property[], scope: DomainScope, cur: Cursor, path: (string | number)[]): void {
  const conv = scope.domain.propertyNaming;
  if (!conv) return;
  for (const p of props) {
    if (p.origin === 'event' && !PROPERTY_NAMING[conv].test(p.name.replace(/^\$/, ''))) {
      cur.at(...path, p.name).error('naming/property', `property '${p.name}' does not follow the domain's property naming ${describeConvention(conv)}`,
        `rename it to '${toConvention(p.name, conv)}', or change property_naming: on the domain`, { key: true });
    }
    if (p.properties) checkPropertyNames(p.properties, scope, cur, [...path, p.name, 'properties']);
  }
}

/** Resolves one event of a domain file. */
export function resolveEvent(name: string, raw: RawEvent, scope: DomainScope, cur: Cursor): TaxonomyEvent {
  checkEventName(name, scope, cur);

  const excluded = new Set(raw.exclude_global_properties ?? []);
  raw.exclude_global_properties?.forEach((g, i) => {
    if (!scope.globals.some((p) => p.name === g)) {
      cur.at('exclude_global_properties', i).error('ref/unknown-global', `'${g}' is not a global property${suggestion(g, scope.globals.map((p) => p.name))}`, 'list only global properties of the taxonomy or this domain');
    }
  });
  const globals = scope.globals.filter((p) => !excluded.has(p.name));
  const properties = resolvePropertyMap(raw.properties ?? {}, cur.at('properties'), globals, 'event');
  checkPropertyNames(properties, scope, cur, ['properties']);
  const payload = resolveObjectRules(raw, cur, undefined, name, properties.length);
  const set = resolvePropertyMap(raw.person_properties?.set ?? {}, cur.at('person_properties', 'set'), undefined, 'event');
  const setOnce = resolvePropertyMap(raw.person_properties?.set_once ?? {}, cur.at('person_properties', 'set_once'), undefined, 'event');

  if (raw.category === undefined) {
    cur.warn('event/no-category', `event '${name}' has no category`, scope.categories.size <= 8 && scope.categories.size > 0
      ? `add category: (one of ${[...scope.categories].sort().join(', ')}) so it lands on a dashboard`
      : `add category: <id> (one of the ${scope.categories.size} ids in taxonomy/categories) so it lands on a dashboard`, { key: true });
  } else if (!scope.categories.has(raw.category)) {
    cur.at('category').error('ref/unknown-category', `unknown category '${raw.category}'${suggestion(raw.category, scope.categories)}`, 'use an id from taxonomy/categories, or add the category there');
  }
  raw.destinations?.forEach((d, i) => {
    if (!scope.destinations.has(d)) cur.at('destinations', i).error('ref/unknown-destination', `unknown destination '${d}'${suggestion(d, scope.destinations)}`, 'use an id from taxonomy/destinations.yaml');
  });

  const status = raw.status ?? 'active';
  if (status === 'deprecated' && !raw.deprecated?.replacement && !raw.deprecated?.reason) {
    cur.at('status').error('event/deprecated-without-replacement', `deprecated event '${name}' names no replacement`, 'add deprecated: { replacement: <event>, since: YYYY-MM-DD } (or a reason when nothing replaces it)');
  }
  if (raw.deprecated && status !== 'deprecated') {
    cur.at('deprecated').warn('event/deprecation-on-live-event', `event '${name}' has a deprecated: block but status is ${status}`, 'set status: deprecated, or remove the block');
  }
  if (raw.expires !== undefined && !isCalendarDate(String(raw.expires))) {
    cur.at('expires').error('event/invalid-expires', `event '${name}' expires on '${String(raw.expires)}', which is not a calendar date`, 'write a real date YYYY-MM-DD');
  }
  if (raw.dedupe_by !== undefined) {
    const key = properties.find((p) => p.name === raw.dedupe_by);
    if (!key) {
      cur.at('dedupe_by').error('ref/unknown-dedupe-property', `dedupe_by of '${name}' names '${raw.dedupe_by}', which is not a property of the event${suggestion(raw.dedupe_by, properties.map((p) => p.name))}`, 'name one of the event\'s properties (e.g. messageId), or fix the name');
    } else if (key.type !== 'string' && key.type !== 'integer') {
      cur.at('dedupe_by').error('event/bad-dedupe-property', `dedupe_by of '${name}' names '${raw.dedupe_by}', which is ${key.type}; a de-duplication key is a string or an integer id`, 'name an id property');
    } else if (!key.required) {
      cur.at('dedupe_by').warn('event/optional-dedupe-property', `dedupe_by of '${name}' names '${raw.dedupe_by}', which is optional: calls without it are never de-duplicated`, `make '${raw.dedupe_by}' required: true on this event`);
    }
  }
  const version = raw.version ?? 1;
  raw.changelog?.forEach((c, i) => {
    if (c.version > version) cur.at('changelog', i, 'version').error('event/changelog-ahead', `changelog entry for version ${c.version} is newer than the event's version ${version}`, `bump version: to ${c.version} or fix the entry`);
  });

  const versions = resolveVersions(name, raw, { version, description: raw.description, properties, payload }, globals, cur);

  const out: TaxonomyEvent = {
    name, domain: scope.domain.name, version, versions, status,
    description: raw.description, trigger: raw.trigger, category: raw.category,
    owner: raw.owner ?? scope.domain.owner,
    destinations: [...(raw.destinations ?? scope.domain.destinations)],
    critical: raw.critical ?? false, priority: raw.priority, emittedBy: raw.emitted_by, outcome: raw.outcome,
    ...(raw.dedupe_by !== undefined ? { dedupeBy: raw.dedupe_by } : {}),
    tags: [...(raw.tags ?? [])].sort(),
    deprecated: raw.deprecated,
    changelog: [...(raw.changelog ?? [])].sort((a, b) => a.version - b.version),
    ...(raw.expires !== undefined ? { expires: String(raw.expires) } : {}),
    contacts: [...(raw.contacts ?? scope.domain.contacts ?? [])],
    properties,
    ...payload,
    personProperties: { set, setOnce },
    ...(raw.distinct_id ? { distinctId: distinctIdSources(raw.distinct_id, properties, name, cur) } : {}),
    extensions: extensionsOf(raw),
    location: cur.location({ key: true }),
    ...(raw.prometheus ? { prometheus: raw.prometheus.map((b) => (b.observe ? { metric: b.metric, observe: b.observe } : { metric: b.metric })) } : {}),
  };
  return out;
}

export type { RawDomainFile };

/** distinct_id candidates must be top-level string properties of the event. */
function distinctIdSources(raw: NonNullable<RawEvent['distinct_id']>, properties: readonly Property[], name: string, cur: Cursor): { property: string; prefix?: string }[] {
  return raw.map((c, i) => {
    const p = properties.find((q) => q.name === c.property);
    if (!p) {
      cur.at('distinct_id', i, 'property').error('event/distinct-id-unknown-property', `distinct_id of '${name}' names '${c.property}', which is not a property of the event`, `declare '${c.property}' on the event (or a global), or fix the name`);
    } else if (p.type !== 'string') {
      cur.at('distinct_id', i, 'property').error('event/distinct-id-not-string', `distinct_id of '${name}' names '${c.property}', which is ${p.type}, not a string`, 'use a string id property');
    }
    return c.prefix !== undefined ? { property: c.property, prefix: c.prefix } : { property: c.property };
  });
}
