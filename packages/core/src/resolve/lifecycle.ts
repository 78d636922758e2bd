import { suggestion } from '../diagnostics.js';
import type { EnumMember, Property, PropertyDeprecation, Scalar, Shape, Stability } from '../model.js';
import type { RawEnumMember, RawProperty, RawPropertyDeprecation } from '../raw-types.js';
import type { Cursor } from './context.js';

/**
 * Per-property lifecycle (OpenTelemetry Weaver's attribute registry): `stability:` and
 * `deprecated: { renamed_to, reason, since, removal }` on a property, and enum values written
 * as `{ value, description, stability, deprecated }`. Plain enum values stay valid.
 */

const isMember = (v: unknown): v is RawEnumMember => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The enum's plain values, whichever way each was written. */
export const enumValues = (raw: NonNullable<RawProperty['enum']>): Scalar[] => raw.map((v) => (isMember(v) ? v.value : v));

/** How much a refinement may promise: it may lower stability (stable → experimental → deprecated), never raise it. */
const RANK: Record<Stability, number> = { deprecated: 0, experimental: 1, stable: 2 };

function deprecationOf(d: RawPropertyDeprecation | RawEnumMember['deprecated']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d?.renamed_to !== undefined) out.renamedTo = d.renamed_to;
  if (d?.reason !== undefined) out.reason = d.reason;
  if (d?.since !== undefined) out.since = d.since;
  if (d?.removal !== undefined) out.removal = d.removal;
  return out;
}

/**
 * `stability:` and `deprecated:` of a property, written on `out` (which already holds what it
 * refines). Keeps the model's invariant: stability is 'deprecated' exactly when deprecated is set.
 */
export function resolveLifecycle(raw: RawProperty, cur: Cursor, name: string, refined: Shape | undefined, out: Record<string, unknown>): void {
  const { stability, deprecated } = raw;
  if (stability === undefined && deprecated === undefined) return;
  if (deprecated !== undefined && stability !== undefined && stability !== 'deprecated') {
    cur.at('stability').error('property/stability-conflict', `'${name}' has a deprecated: block but stability: ${stability}`,
      'remove stability: (deprecated: implies stability deprecated), or remove the deprecated: block');
    return;
  }
  const next: Stability = deprecated !== undefined ? 'deprecated' : stability!;
  const before = refined?.stability ?? 'stable';
  if (RANK[next] > RANK[before]) {
    cur.at(stability !== undefined ? 'stability' : 'deprecated').error('property/stability-raised', `'${name}' is ${before} in the property it refines but ${next} here`,
      `a refinement may lower stability, never raise it: remove stability: here, or change it on the shared definition`);
    return;
  }
  out.stability = next;
  if (next === 'deprecated') out.deprecated = deprecated !== undefined ? deprecationOf(deprecated) : (refined?.deprecated ?? {});
  else delete out.deprecated;
}

/** Enum members with words or lifecycle; inherited ones are kept for the values a refinement keeps. */
export function resolveEnumMembers(rawEnum: NonNullable<RawProperty['enum']>, cur: Cursor, name: string, refined: Shape | undefined): EnumMember[] | undefined {
  const inherited = new Map((refined?.enumMembers ?? []).map((m) => [JSON.stringify(m.value), m] as const));
  if (!rawEnum.some(isMember) && !inherited.size) return undefined;
  const members = rawEnum.map((v, i): EnumMember => {
    if (!isMember(v)) return inherited.get(JSON.stringify(v)) ?? { value: v };
    const at = cur.at('enum', i);
    if (v.deprecated !== undefined && v.stability !== undefined && v.stability !== 'deprecated') {
      at.at('stability').error('property/stability-conflict', `enum value ${JSON.stringify(v.value)} of '${name}' has a deprecated: block but stability: ${v.stability}`,
        'remove stability: (deprecated: implies stability deprecated), or remove the deprecated: block');
    }
    const stability: Stability | undefined = v.deprecated !== undefined ? 'deprecated' : v.stability;
    const base = inherited.get(JSON.stringify(v.value));
    const m: Record<string, unknown> = { ...(base ?? {}), value: v.value };
    if (v.description !== undefined) m.description = v.description;
    if (stability !== undefined) {
      m.stability = stability;
      if (stability === 'deprecated') m.deprecated = v.deprecated !== undefined ? deprecationOf(v.deprecated) : (base?.deprecated ?? {});
      else delete m.deprecated;
    }
    return m as unknown as EnumMember;
  });
  const values = members.map((m) => JSON.stringify(m.value));
  members.forEach((m, i) => {
    const to = m.deprecated?.renamedTo;
    if (to === undefined || !isMember(rawEnum[i]) || (rawEnum[i] as RawEnumMember).deprecated?.renamed_to === undefined) return;
    const at = cur.at('enum', i, 'deprecated', 'renamed_to');
    if (JSON.stringify(to) === JSON.stringify(m.value)) at.error('enum/bad-renamed-to', `enum value ${JSON.stringify(m.value)} of '${name}' is renamed to itself`, 'name the value that replaces it, or remove renamed_to:');
    else if (!values.includes(JSON.stringify(to))) {
      at.error('enum/unknown-renamed-to', `enum value ${JSON.stringify(m.value)} of '${name}' is renamed to ${JSON.stringify(to)}, which is not one of its values${suggestion(String(to), members.map((x) => String(x.value)))}`,
        `add ${JSON.stringify(to)} to the enum, or fix renamed_to:`);
    }
  });
  return members.some((m) => Object.keys(m).length > 1) ? members : undefined;
}

/** What a `renamed_to:` may name, and where a finding about it points. */
interface RenameScope {
  readonly names: readonly string[];
  readonly typeOf: (name: string) => string | undefined;
  /** 'a property beside it' (an event or nested object) or 'a shared property' (properties.yaml, a domain's properties:). */
  readonly what: string;
  readonly hint: string;
}

/** Checks one written `renamed_to:`: an existing sibling, not itself, of the same type (a rename keeps the meaning). */
export function checkRenamedTo(name: string, type: string, deprecation: PropertyDeprecation | undefined, cur: Cursor, scope: RenameScope): void {
  const to = deprecation?.renamedTo;
  if (to === undefined) return;
  if (to === name) {
    cur.error('property/bad-renamed-to', `'${name}' is renamed to itself`, 'name the property that replaces it, or remove renamed_to:');
    return;
  }
  const targetType = scope.typeOf(to);
  if (targetType === undefined) {
    cur.error('ref/unknown-renamed-to', `'${name}' is deprecated and renamed to '${to}', which is not ${scope.what}${suggestion(to, scope.names.filter((n) => n !== name))}`, scope.hint);
  } else if (targetType !== type) {
    cur.warn('property/renamed-to-type', `'${name}' (${type}) is renamed to '${to}', which is ${targetType}: a rename keeps the meaning and the type`,
      `if the value changed, say so in deprecated.reason: and remove renamed_to:, or make both the same type`);
  }
}

/** renamed_to of the properties written in one properties: map (an event's or a nested object's). */
export function checkSiblingRenames(props: Property[], raw: Record<string, RawProperty>, cur: Cursor): void {
  const byName = new Map(props.map((p) => [p.name, p] as const));
  props.forEach((p, i) => {
    // Inherited from a shared definition, renamed_to names a shared property: point it at the
    // key beside it that uses that shared property, so trackers name the key callers send.
    const to = p.deprecated?.renamedTo;
    if (to !== undefined && raw[p.name]?.deprecated?.renamed_to === undefined && !byName.has(to)) {
      const sibling = props.find((s) => s.ref === to);
      if (sibling) props[i] = { ...p, deprecated: { ...p.deprecated, renamedTo: sibling.name } };
    }
  });
  for (const p of props) {
    if (raw[p.name]?.deprecated?.renamed_to === undefined) continue;
    checkRenamedTo(p.name, p.type, p.deprecated, cur.at(p.name, 'deprecated', 'renamed_to'), {
      names: [...byName.keys()], typeOf: (n) => byName.get(n)?.type, what: 'a property beside it',
      hint: 'add the new property to the same properties: map (both are sent while consumers move), or fix the name',
    });
  }
}
