import type { PrivacyClass, TaxonomyModel } from '@taxonomy/core';
import { diffProperties } from '../diff/shape.js';
import { diffObjectRules } from '../diff/shape-rules.js';
import type { Change } from '../diff/types.js';
import type { RawFinding, Rule } from '../types.js';

const classes = (m: TaxonomyModel) => new Map<string, PrivacyClass>(m.privacyClasses.map((c) => [c.name, c] as const));

/** Words may change in a frozen version; anything else changes what its apps may send. */
const WORDS_ONLY: ReadonlySet<Change['kind']> = new Set(['property-text']);

export const compatFrozenVersion: Rule = {
  id: 'compat/frozen-version',
  defaultLevel: 'error',
  compares: true,
  summary: 'An older live version of an event (under `versions:`) is frozen: only its descriptions may change.',
  details: 'Apps already shipped keep sending the older majors, and the validators and the collector check them against the shape kept under `versions:`. A new type, constraint, enum, requirement or privacy class there would refuse, or re-read, what those apps send. Evolve the newest version (the event itself) additively, or make a new major and keep this one as it was. The SchemaVer REVISION and ADDITION of a frozen version are fixed too.',
  example: {
    bad: 'version: 2\nversions:\n  1:\n    properties:\n      coupon: { type: string, maxLength: 16 }   # was 32 in the base',
    good: 'version: 2\nversions:\n  1:\n    description: The shape apps sent before coupons were required.   # words may change\n    properties:\n      coupon: { type: string, maxLength: 32 }',
  },
  check: (base, head) => {
    if (!base) return [];
    const out: RawFinding[] = [];
    const baseByName = new Map(base.events.map((e) => [e.name, e] as const));
    const baseClasses = classes(base), headClasses = classes(head);
    for (const h of head.events) {
      const b = baseByName.get(h.name);
      if (!b) continue;
      for (const v of h.versions) {
        const was = v.frozen ? b.versions.find((x) => x.version === v.version) : undefined;
        if (!was) continue;
        const changes: Change[] = [];
        const sctx = { event: h.name, baseClasses, headClasses, emit: (c: Change) => changes.push(c) };
        diffProperties(was.properties, v.properties, '', v.location, sctx);
        diffObjectRules(was, v, '', v.location, sctx);
        const data = changes.filter((c) => !WORDS_ONLY.has(c.kind)).map((c) => ({ message: c.message, location: c.location }));
        if (was.revision !== v.revision || was.addition !== v.addition) {
          data.push({ message: `its SchemaVer changed from ${v.version}-${was.revision}-${was.addition} to ${v.version}-${v.revision}-${v.addition}`, location: v.location });
        }
        if (!data.length) continue;
        const why = data.map((d) => d.message);
        out.push({
          message: `version ${v.version} of '${h.name}' is frozen (version ${h.version} is the newest), but its schema changed: ${why.slice(0, 3).join('; ')}${why.length > 3 ? `; and ${why.length - 3} more` : ''}`,
          location: data[0]!.location ?? v.location,
          fix: `restore versions: ${v.version} of '${h.name}' as it is in the base (only descriptions may change); make the change in the newest version (the event itself) if it is additive, or as version ${h.version + 1} with version ${h.version} kept under versions:`,
        });
      }
    }
    return out;
  },
};

export const compatVersionRetired: Rule = {
  id: 'compat/version-retired',
  defaultLevel: 'warn',
  compares: true,
  summary: 'An older version kept live under `versions:` is not dropped unnoticed: apps that still send it lose their events.',
  details: 'Once a version leaves `versions:`, the validators refuse it and the collector quarantines what apps already shipped still send as that version (its view goes too). Retire it when no app sends it any more (the `ev_<event>__v<N>` view shows its last rows); a warning by default, raise it to an error in `rules:` to require a review.',
  example: {
    bad: 'version: 2   # versions: 1 removed while release 4.1 still sends it',
    good: 'version: 2\nversions:\n  1: { … }   # kept until no app sends version 1',
  },
  check: (base, head) => {
    if (!base) return [];
    const out: RawFinding[] = [];
    const headByName = new Map(head.events.map((e) => [e.name, e] as const));
    for (const b of base.events) {
      const h = headByName.get(b.name);
      if (!h) continue;
      const live = new Set(h.versions.map((v) => v.version));
      for (const v of b.versions) {
        if (!v.frozen || live.has(v.version)) continue;
        out.push({
          message: `version ${v.version} of '${h.name}' is no longer live (it was under versions: in the base): the validators refuse it from now on, and what apps still send as version ${v.version} is quarantined`,
          location: h.location,
          fix: `keep versions: ${v.version} on '${h.name}' until no app sends it (its rows are in the view of version ${v.version}), then remove it`,
        });
      }
    }
    return out;
  },
};
