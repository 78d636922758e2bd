import type { PropertyType, Scalar } from '@taxonomy/core';

/**
 * The importers' common target: a domain file as data, before it is written as YAML.
 * Maps keep source order (and are safe for keys like __proto__); `todos` become
 * `# TODO(import):` comments next to the node they are about.
 */
/** Keys an object accepts beyond its declared ones (JSON Schema additionalProperties, patternProperties, min/maxProperties). */
export interface DraftObjectRules {
  /** Every undeclared key's value; `{ type: json }` = open. Unset: closed. */
  values?: DraftProperty;
  patternProperties?: Map<string, DraftProperty>;
  minProperties?: number;
  maxProperties?: number;
}

export interface DraftProperty extends DraftObjectRules {
  type?: PropertyType;
  /** Several types (`type: [string, integer]`; the loader makes one anyOf variant per type). */
  types?: string[];
  /** A union: `oneOf:`/`anyOf:` of full shapes. */
  oneOf?: DraftProperty[];
  anyOf?: DraftProperty[];
  discriminator?: string;
  /** Siblings that must be present when this one is (JSON Schema dependentRequired). */
  requires?: string[];
  /** Required when a sibling has one of these values (JSON Schema if/then). */
  requiredWhen?: { property: string; in: Scalar[] };
  ref?: string;
  required?: boolean;
  description?: string;
  format?: string;
  enum?: Scalar[];
  const?: Scalar;
  minimum?: number | bigint;
  maximum?: number | bigint;
  exclusiveMinimum?: number | bigint;
  exclusiveMaximum?: number | bigint;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: DraftProperty;
  /** A tuple: the shape of each leading element (`items` shapes the rest; unset: any JSON value). */
  prefixItems?: DraftProperty[];
  properties?: DraftMap;
  nullable?: boolean;
  examples?: unknown[];
  privacy?: string;
  cardinality?: 'low' | 'high';
  unit?: string;
  contentGated?: boolean;
  waiver?: { reason: string; approver: string; expires: string };
  /** Per-property lifecycle (the taxonomy's `stability:`, `deprecated:`, enum values as objects). */
  stability?: 'stable' | 'experimental' | 'deprecated';
  deprecated?: DraftDeprecation;
  enumMembers?: { value: Scalar; description?: string; stability?: 'stable' | 'experimental' | 'deprecated'; deprecated?: DraftDeprecation }[];
  /** `x-` annotations, kept as they are. */
  extensions?: Record<string, unknown>;
  todos?: string[];
}

export type DraftMap = Map<string, DraftProperty>;

export interface DraftChange { version: number; change: string }

/** An earlier REVISION-ADDITION of a model (`revisions:`, keyed R-A), as imported: its own payload. */
export interface DraftRevision extends DraftObjectRules {
  revision: number;
  addition: number;
  description?: string;
  properties: DraftMap;
  todos: string[];
}

/** An older live major of an event (`versions:`), as imported: SchemaVer and its own properties. */
export interface DraftVersion extends DraftObjectRules {
  version: number;
  revision?: number;
  addition?: number;
  description?: string;
  properties: DraftMap;
  /** Earlier REVISION-ADDITIONs of this model, oldest first. */
  revisions?: DraftRevision[];
  todos: string[];
}

export interface DraftEvent extends DraftObjectRules {
  name: string;
  description?: string;
  trigger?: string;
  category?: string;
  version?: number;
  /** SchemaVer REVISION and ADDITION of the newest version (written when not 0). */
  revision?: number;
  addition?: number;
  /** Earlier REVISION-ADDITIONs of the newest model, oldest first. */
  revisions?: DraftRevision[];
  /** Older live majors, oldest first. */
  versions?: DraftVersion[];
  status?: 'planned' | 'active' | 'deprecated';
  changelog?: DraftChange[];
  properties: DraftMap;
  personSet?: DraftMap;
  personSetOnce?: DraftMap;
  extensions: Record<string, unknown>;
  todos: string[];
}

export interface DraftDomain {
  domain: string;
  description?: string;
  source?: string;
  naming?: string;
  propertyNaming?: 'snake' | 'camel';
  reservedPrefix?: '$';
  globalProperties: DraftMap;
  /** Shared properties of the domain (what `ref:` points at). */
  properties: DraftMap;
  events: DraftEvent[];
  extensions: Record<string, unknown>;
  /** Comments at the top of the file (after the schema line). */
  header: string[];
  /** TODOs about source content that belongs to no event: written at the end of the file. */
  todos: string[];
}

export function newDomain(domain: string): DraftDomain {
  return { domain, globalProperties: new Map(), properties: new Map(), events: [], extensions: {}, header: [], todos: [] };
}

export function newEvent(name: string): DraftEvent {
  return { name, properties: new Map(), extensions: {}, todos: [] };
}

/** Patterns of the taxonomy format (packages/core/schema/taxonomy.schema.json). */
export const EVENT_NAME = /^\$?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
export const PROPERTY_NAME = /^\$?[A-Za-z_][A-Za-z0-9_]*$/;
export const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
export const FORMATS = new Set(['uuid', 'date-time', 'date', 'time', 'uri', 'email', 'ipv4', 'ipv6', 'hostname', 'duration', 'currency', 'semver']);

/** Words of a name: camelCase, spaces, dashes and dots split. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.toLowerCase());
}

/** True when a name has no letter or digit: folding leaves nothing of it (`!!!`, `  `). */
export const foldsToNothing = (name: string): boolean => words(name).length === 0;

/** lower snake_case, starting with a letter (`3d View` → `n3d_view`). */
export function toSnake(name: string): string {
  const s = words(name).join('_');
  return s === '' ? 'unnamed' : /^[a-z]/.test(s) ? s : `n${s}`;
}

/** A valid taxonomy event name for `name`: the name itself when it already is one. */
export function safeEventName(name: string): string {
  if (EVENT_NAME.test(name)) return name;
  const dotted = name.split('.').map((s) => toSnake(s)).join('.');
  return EVENT_NAME.test(dotted) ? dotted : toSnake(name);
}

export function safePropertyName(name: string): string {
  if (PROPERTY_NAME.test(name)) return name;
  return toSnake(name);
}

/** A valid domain id (lower snake_case). */
export function safeIdentifier(name: string): string {
  return IDENTIFIER.test(name) ? name : toSnake(name);
}

/** Canonical JSON of a value with sorted keys: equal shapes give equal strings. */
export function canonical(v: unknown): string {
  if (v instanceof Map) return canonical(Object.fromEntries(v));
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
}

/** Counts properties at every depth (for the report). */
export function countProperties(map: DraftMap | undefined): number {
  let n = 0;
  for (const p of map?.values() ?? []) n += 1 + countProperties(p.properties);
  return n;
}

export type { PropertyType, Scalar };

/** A deprecation as the taxonomy writes it (`renamed_to` names a sibling property, or a value). */
export interface DraftDeprecation { renamed_to?: Scalar; reason?: string; since?: string; removal?: string }
