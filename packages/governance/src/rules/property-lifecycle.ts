import type { EnumMember, Property, Scalar, Shape, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import type { Facts, RawFinding, Rule } from '../types.js';
import { allProperties, byDefinition, daysBetween, eventProperties, listNames } from '../walk.js';
import { index, target } from './drift.js';

/**
 * Per-property lifecycle (OpenTelemetry Weaver's attribute registry): `stability: stable` is a
 * promise that a property or an enum value is removed only after a deprecation period;
 * `experimental` promises nothing; unmarked properties keep the versioning rules (compat/*).
 */

/** A property of an event in both taxonomies, by path (the head side is missing when removed). */
interface Pair { readonly event: TaxonomyEvent; readonly path: string; readonly base: Property; readonly head?: Property }

function* pairs(baseProps: readonly Property[], headProps: readonly Property[], event: TaxonomyEvent, prefix: string): Generator<Pair> {
  const heads = new Map(headProps.map((p) => [p.name, p] as const));
  for (const b of baseProps) {
    const h = heads.get(b.name);
    const path = `${prefix}${b.name}`;
    yield { event, path, base: b, head: h };
    if (!h) continue;
    if (b.properties && h.properties) yield* pairs(b.properties, h.properties, event, `${path}.`);
    if (b.items?.properties && h.items?.properties) yield* pairs(b.items.properties, h.items.properties, event, `${path}[].`);
    for (const [i, e] of (b.prefixItems ?? []).entries()) {
      const f = h.prefixItems?.[i];
      if (e.properties && f?.properties) yield* pairs(e.properties, f.properties, event, `${path}[${i}].`);
    }
  }
}

/** Every property of every event that is in both taxonomies under the same name. */
function* sharedEvents(base: TaxonomyModel, head: TaxonomyModel): Generator<Pair> {
  const baseByName = new Map(base.events.map((e) => [e.name, e] as const));
  for (const e of head.events) {
    const b = baseByName.get(e.name);
    if (b) yield* pairs(b.properties, e.properties, e, '');
  }
}

/** Why a deprecated item may not go yet (its period or announced removal date), or undefined. */
function tooEarly(d: { readonly since?: string; readonly removal?: string }, facts: Facts): string | undefined {
  if (d.since) {
    const age = daysBetween(d.since, facts.today);
    if (age < facts.config.deprecationDays) return `it has been deprecated for ${age} day(s) (since ${d.since}); the policy is ${facts.config.deprecationDays}`;
  }
  if (d.removal && d.removal > facts.today) return `its announced removal date is ${d.removal}`;
  return undefined;
}

/** Why removing this base property breaks its lifecycle promise, or undefined when it may go. */
function removalBlocker(p: Property, facts: Facts): string | undefined {
  if (p.deprecated) return tooEarly(p.deprecated, facts);
  if (p.stability === 'stable') return 'it is marked stability: stable and was not deprecated first';
  return undefined;
}

export const lifecyclePropertyRemoved: Rule = {
  id: 'lifecycle/property-removed',
  defaultLevel: 'error',
  compares: true,
  summary: 'A property marked `stability: stable` is removed only after it was deprecated for the configured period (deprecate, then remove).',
  details: 'Weaver\'s rule for stable attributes: they are never removed or renamed in place. The base must show the property deprecated (`deprecated: { renamed_to, since }`); a deprecation with `since:` must be at least `governance.deprecation_days` (default 90) old, and past its `removal:` date if one was announced. Unmarked properties follow the versioning rules only (`compat/version-bump`); `experimental` ones may go without notice. Applies to properties of events that still exist (removing an event is `compat/event-removed`).',
  example: { bad: '# coupon (stability: stable) deleted from checkout_started', good: 'coupon:\n  type: string\n  deprecated: { renamed_to: promo_code, since: 2025-01-10 }\npromo_code: { type: string }' },
  check: (base, head, facts) => {
    if (!base) return [];
    const out: RawFinding[] = [];
    for (const { event, path, base: b, head: h } of sharedEvents(base, head)) {
      if (h) continue;
      const why = removalBlocker(b, facts);
      if (!why) continue;
      out.push({
        message: `property '${path}' was removed from '${event.name}' (it was at ${b.location.file}:${b.location.line} in the base), but ${why}`,
        location: event.location,
        fix: b.deprecated
          ? `keep '${path}' until ${b.deprecated.removal && b.deprecated.removal > facts.today ? b.deprecated.removal : `its deprecation is ${facts.config.deprecationDays} days old`}, then remove it`
          : `restore '${path}' with deprecated: { renamed_to: <the property replacing it>, since: ${facts.today} } and remove it after ${facts.config.deprecationDays} days`,
      });
    }
    return out;
  },
};

const show = (v: Scalar) => JSON.stringify(v);

/** The enum values of a shape with their lifecycle; a stable property's plain values are stable. */
function members(s: Shape): EnumMember[] {
  const own = new Map((s.enumMembers ?? []).map((m) => [show(m.value), m] as const));
  return (s.enum ?? []).map((v) => {
    const m = own.get(show(v)) ?? { value: v };
    return m.stability === undefined && s.stability === 'stable' ? { ...m, stability: 'stable' as const } : m;
  });
}

export const lifecycleEnumValueRemoved: Rule = {
  id: 'lifecycle/enum-value-removed',
  defaultLevel: 'error',
  compares: true,
  summary: 'A stable enum value (marked `stability: stable`, or a plain value of a stable property) is removed only after it was deprecated for the configured period.',
  details: 'Weaver\'s rule for stable enum members. The base must show the value deprecated (`{ value, deprecated: { renamed_to: <value>, since } }`), for at least `governance.deprecation_days` when `since:` is given, and past its `removal:` date. Experimental and unmarked values follow the versioning rules only.',
  example: { bad: 'enum: [card, paypal]   # was [card, paypal, { value: wire, stability: stable }]', good: 'enum: [card, paypal, { value: wire, deprecated: { renamed_to: card, since: 2025-01-10 } }]' },
  check: (base, head, facts) => {
    if (!base) return [];
    const out: RawFinding[] = [];
    for (const { event, path, base: b, head: h } of sharedEvents(base, head)) {
      if (!h?.enum || !b.enum) continue;
      const kept = new Set(h.enum.map(show));
      for (const m of members(b)) {
        if (kept.has(show(m.value))) continue;
        const why = m.deprecated ? tooEarly(m.deprecated, facts) : m.stability === 'stable' ? 'it is stable and was not deprecated first' : undefined;
        if (!why) continue;
        out.push({
          message: `value ${show(m.value)} of '${event.name}.${path}' was removed, but ${why}`,
          location: h.location,
          fix: m.deprecated
            ? `keep ${show(m.value)} until its deprecation period is over, then remove it`
            : `keep it as { value: ${show(m.value)}, deprecated: { renamed_to: <the value replacing it>, since: ${facts.today} } } and remove it after ${facts.config.deprecationDays} days`,
        });
      }
    }
    return out;
  },
};

const promise = (s: { readonly stability?: string }) => s.stability ?? 'unmarked';

export const lifecycleStabilityLowered: Rule = {
  id: 'lifecycle/stability-lowered',
  defaultLevel: 'error',
  compares: true,
  summary: 'What is marked `stability: stable` stays stable until it is deprecated: it never goes back to experimental or unmarked.',
  details: 'A stable property or enum value is a promise to consumers (Weaver: stability can go from stable to deprecated, never back to development). Dropping the mark first and removing later would bypass `lifecycle/property-removed`; deprecate it instead.',
  example: { bad: 'coupon: { type: string, stability: experimental }   # was stable', good: 'coupon: { type: string, deprecated: { renamed_to: promo_code, since: 2025-01-10 } }' },
  check: (base, head) => {
    if (!base) return [];
    const out: RawFinding[] = [];
    for (const { event, path, base: b, head: h } of sharedEvents(base, head)) {
      if (!h) continue;
      if (b.stability === 'stable' && h.stability !== 'stable' && h.stability !== 'deprecated') {
        // One finding: its plain values were stable only through it.
        out.push({
          message: `property '${event.name}.${path}' was stable and is now ${promise(h)}`,
          location: h.location,
          fix: `keep stability: stable, or deprecate it: deprecated: { renamed_to: <the property replacing it>, since: <today> }`,
        });
        continue;
      }
      // A deprecated property's values go with it.
      if (!h.enum || !b.enum || h.stability === 'deprecated') continue;
      const now = new Map(members(h).map((m) => [show(m.value), m] as const));
      for (const m of members(b)) {
        const n = now.get(show(m.value));
        if (m.stability !== 'stable' || !n || n.stability === 'stable' || n.stability === 'deprecated') continue;
        out.push({
          message: `value ${show(m.value)} of '${event.name}.${path}' was stable and is now ${promise(n)}`,
          location: h.location,
          fix: `keep it stable, or deprecate it: { value: ${show(m.value)}, deprecated: { renamed_to: <value>, since: <today> } }`,
        });
      }
    }
    return out;
  },
};

export const lifecycleExperimentalInCritical: Rule = {
  id: 'lifecycle/experimental-in-critical',
  defaultLevel: 'warn',
  compares: false,
  summary: 'A critical event (never sampled out: alerts and key dashboards read it) carries no experimental property.',
  details: 'An experimental property may change or go without notice; a critical event is one whose consumers cannot absorb that. Stabilise the property (`stability: stable`, or remove the mark), or move it to a non-critical event.',
  example: { bad: 'checkout_completed:\n  critical: true\n  properties:\n    wallet: { type: string, stability: experimental }', good: 'checkout_completed:\n  critical: true\n  properties:\n    wallet: { type: string, stability: stable }' },
  check: (_base, head) => {
    const found = head.events.filter((e) => e.critical).flatMap((e) => [...eventProperties(e)].filter((v) => v.property.stability === 'experimental'));
    return byDefinition(found).map(({ first, events }) => ({
      message: `property '${first.path}' of ${listNames(events)} is experimental, but the event is critical (never sampled out)`,
      location: first.property.location,
      fix: `stabilise '${first.property.name}' (stability: stable once its shape is settled), or send it on a non-critical event`,
    }));
  },
};

export const lifecycleDeprecatedRequired: Rule = {
  id: 'lifecycle/deprecated-required',
  defaultLevel: 'warn',
  compares: false,
  summary: 'A deprecated property is optional: callers are told to stop sending it, so it cannot be required.',
  details: 'A required deprecated property forces every caller to keep sending what its `@deprecated` note tells them to stop sending, and the replacement can never take over.',
  example: { bad: 'coupon: { type: string, required: true, deprecated: { renamed_to: promo_code } }', good: 'coupon: { type: string, deprecated: { renamed_to: promo_code } }\npromo_code: { type: string, required: true }' },
  check: (_base, head) => {
    const found = [...allProperties(head)].filter((v) => v.property.deprecated && v.property.required);
    return byDefinition(found).map(({ first, events }) => ({
      message: `property '${first.path}' of ${listNames(events)} is deprecated but still required`,
      location: first.property.location,
      fix: `make '${first.property.name}' optional (remove required: true)${first.property.deprecated?.renamedTo ? ` and require '${first.property.deprecated.renamedTo}' instead, in a version bump` : ''}`,
    }));
  },
};

export const driftDeprecatedProperty: Rule = {
  id: 'drift/deprecated-property',
  defaultLevel: 'warn',
  compares: false,
  summary: 'Application code still sends a deprecated property.',
  details: 'In the sources under `governance.app.include`, a tracker call whose properties are written as an object literal (`tracker.<domain>.<event>({ … })`, `track(\'event\', { … })`) and name a property that is deprecated on that event. Send its `renamed_to` instead before the property is removed.',
  example: { bad: 'tracker.shop.checkoutStarted({ coupon: code })   # coupon: deprecated, renamed_to promo_code', good: 'tracker.shop.checkoutStarted({ promo_code: code })' },
  check: (_base, head, facts) => {
    if (!facts.app) return [];
    const ix = index(head);
    return facts.app.calls.flatMap((c): RawFinding[] => {
      const e = target(c, ix);
      if (!e || !c.properties) return [];
      const byName = new Map(e.properties.map((p) => [p.name, p] as const));
      return c.properties.flatMap((k): RawFinding[] => {
        const d = byName.get(k.name)?.deprecated;
        if (!d) return [];
        return [{
          message: `'${e.name}' is sent with '${k.name}', which is deprecated${d.since ? ` since ${d.since}` : ''}${d.removal ? ` and will be removed on ${d.removal}` : ''}`,
          location: k.location,
          fix: d.renamedTo !== undefined ? `send '${d.renamedTo}' instead of '${k.name}'` : `stop sending '${k.name}'${d.reason ? ` (${d.reason.trim().split('\n')[0]})` : ''}`,
        }];
      });
    });
  },
};
