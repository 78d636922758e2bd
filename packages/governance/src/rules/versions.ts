import { revisionChain, schemaVer, type EventVersion, type PrivacyClass, type SourceLocation, type TaxonomyModel } from '@taxonomy/core';
import { diffProperties } from '../diff/shape.js';
import { diffObjectRules } from '../diff/shape-rules.js';
import type { Change } from '../diff/types.js';
import type { RawFinding, Rule } from '../types.js';

const classes = (m: TaxonomyModel) => new Map<string, PrivacyClass>(m.privacyClasses.map((c) => [c.name, c] as const));

/** Words may change in a frozen version; anything else changes what its apps may send. */
const WORDS_ONLY: ReadonlySet<Change['kind']> = new Set(['property-text']);

type Classes = ReadonlyMap<string, PrivacyClass>;

/** The classified changes from one payload (a version or a revision) to another, with the existing diff classifier. */
function payloadChanges(event: string, was: EventVersion, now: EventVersion, baseClasses: Classes, headClasses: Classes): Change[] {
  const changes: Change[] = [];
  const sctx = { event, baseClasses, headClasses, emit: (c: Change) => changes.push(c) };
  diffProperties(was.properties, now.properties, '', now.location, sctx);
  diffObjectRules(was, now, '', now.location, sctx);
  return changes;
}

const sameRA = (a: EventVersion, b: EventVersion) => a.revision === b.revision && a.addition === b.addition;
const listed = (why: readonly string[]) => `${why.slice(0, 3).join('; ')}${why.length > 3 ? `; and ${why.length - 3} more` : ''}`;

/**
 * The earlier revisions (`revisions:`) of each version of `h` that the base had too (as an
 * earlier revision, or as the version itself before a REVISION or ADDITION): frozen like an
 * older major, only their words may change.
 */
function frozenRevisions(name: string, h: readonly EventVersion[], b: readonly EventVersion[], baseClasses: Classes, headClasses: Classes): RawFinding[] {
  const out: RawFinding[] = [];
  for (const v of h) {
    const major = b.find((x) => x.version === v.version);
    if (!major) continue;
    const chain = revisionChain(major);
    for (const r of v.revisions ?? []) {
      const was = chain.find((x) => sameRA(x, r));
      if (!was) continue;
      const data = payloadChanges(name, was, r, baseClasses, headClasses).filter((c) => !WORDS_ONLY.has(c.kind));
      if (!data.length) continue;
      out.push({
        message: `revision ${schemaVer(r)} of '${name}' is frozen (${schemaVer(v)} is the newest of version ${v.version}), but its schema changed: ${listed(data.map((c) => c.message))}`,
        location: data[0]!.location ?? r.location,
        fix: `restore revisions: ${r.revision}-${r.addition} of version ${v.version} of '${name}' as it was in the base (only descriptions may change): apps still send it; make the change in ${schemaVer(v)} or a newer revision instead`,
      });
    }
  }
  return out;
}

export const compatFrozenVersion: Rule = {
  id: 'compat/frozen-version',
  defaultLevel: 'error',
  compares: true,
  summary: 'An older live version of an event (under `versions:`) is frozen: only its descriptions may change.',
  details: 'Apps already shipped keep sending the older majors, and the validators and the collector check them against the shape kept under `versions:`. A new type, constraint, enum, requirement or privacy class there would refuse, or re-read, what those apps send. Evolve the newest version (the event itself) additively, or make a new major and keep this one as it was. The SchemaVer REVISION and ADDITION of a frozen version are fixed too. The earlier revisions of any version (`revisions:`, M-R-A) are frozen the same way: each must stay as the base had it, under `revisions:` or as the version itself before its REVISION or ADDITION.',
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
      out.push(...frozenRevisions(h.name, h.versions, b.versions, baseClasses, headClasses));
      for (const v of h.versions) {
        const was = v.frozen ? b.versions.find((x) => x.version === v.version) : undefined;
        if (!was) continue;
        const data: { message: string; location?: SourceLocation }[] = payloadChanges(h.name, was, v, baseClasses, headClasses).filter((c) => !WORDS_ONLY.has(c.kind)).map((c) => ({ message: c.message, location: c.location }));
        if (was.revision !== v.revision || was.addition !== v.addition) {
          data.push({ message: `its SchemaVer changed from ${schemaVer(was)} to ${schemaVer(v)}`, location: v.location });
        }
        if (!data.length) continue;
        const why = data.map((d) => d.message);
        out.push({
          message: `version ${v.version} of '${h.name}' is frozen (version ${h.version} is the newest), but its schema changed: ${listed(why)}`,
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
  details: 'Once a version leaves `versions:`, the validators refuse it and the collector quarantines what apps already shipped still send as that version (its view goes too). Retire it when no app sends it any more (the `ev_<event>__v<N>` view shows its last rows); a warning by default, raise it to an error in `rules:` to require a review. The same holds for an earlier revision of a live version (`revisions:`, M-R-A) that the base had, also the version itself before a REVISION: once it is gone, what only it accepted is quarantined. An ADDITION (same REVISION, higher ADDITION) replaces the one before it without this warning, as it accepts everything that one did (compat/schemaver-addition).',
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
      out.push(...retiredRevisions(h.name, h.versions, b.versions, h.location));
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

/**
 * The revisions the base had of each version still live (its earlier revisions and the version
 * itself) that the head no longer keeps, unless an ADDITION of the same REVISION replaced it.
 */
function retiredRevisions(name: string, h: readonly EventVersion[], b: readonly EventVersion[], location: SourceLocation): RawFinding[] {
  const out: RawFinding[] = [];
  for (const major of b) {
    const now = h.find((x) => x.version === major.version);
    if (!now) continue;
    const chain = revisionChain(now);
    for (const r of revisionChain(major)) {
      if (chain.some((x) => sameRA(x, r) || (x.revision === r.revision && x.addition > r.addition))) continue;
      out.push({
        message: `revision ${schemaVer(r)} of '${name}' is no longer kept (the base had it${r === major ? ' as the version itself' : ' under revisions:'}; ${schemaVer(now)} is the newest of version ${now.version}): what only it accepted is quarantined from now on`,
        location: now.location ?? location,
        fix: `keep it under revisions: ${r.revision}-${r.addition} of version ${now.version} of '${name}', as it was in the base, until no app sends it`,
      });
    }
  }
  return out;
}

export const compatSchemaverAddition: Rule = {
  id: 'compat/schemaver-addition',
  defaultLevel: 'error',
  compares: false,
  summary: 'A SchemaVer ADDITION (same REVISION, higher ADDITION) is additive over the revision-addition before it.',
  details: 'SchemaVer (MODEL-REVISION-ADDITION): an ADDITION accepts every payload the one before it accepted, so apps and stored data need no change. It is checked between the newest revision-addition of each live version and the one before it, kept under `revisions:` (2-0-0 → 2-0-1), or the base\'s version when the head moved it to a higher ADDITION (2-0-0 in the base, 2-0-1 in the head), with the classifier compat/version-bump uses. A change that may refuse earlier data (a tighter bound, a removed property or enum value, a new type) is a REVISION (`revision:`, keeping the earlier one under `revisions:` while apps send it) or a new model (`version:`).',
  example: {
    bad: 'version: 2\naddition: 1\nproperties:\n  total: { type: number, maximum: 100 }\nrevisions:\n  0-0: { properties: { total: { type: number } } }   # 2-0-1 refuses what 2-0-0 accepted',
    good: 'version: 2\nrevision: 1   # 2-1-0: a REVISION may tighten\nproperties:\n  total: { type: number, maximum: 100 }\nrevisions:\n  0-0: { properties: { total: { type: number } } }',
  },
  check: (base, head) => {
    const out: RawFinding[] = [];
    const baseByName = new Map((base?.events ?? []).map((e) => [e.name, e] as const));
    const baseClasses = base ? classes(base) : classes(head), headClasses = classes(head);
    for (const h of head.events) {
      for (const v of h.versions ?? []) {
        const prev = v.revisions?.[v.revisions.length - 1];
        let was: EventVersion | undefined;
        if (prev && prev.revision === v.revision && prev.addition < v.addition) was = prev;
        else {
          const b = baseByName.get(h.name)?.versions.find((x) => x.version === v.version);
          if (b && b.revision === v.revision && b.addition < v.addition && !(v.revisions ?? []).some((r) => sameRA(r, b))) was = b;
        }
        if (!was) continue;
        // The step inside the head compares the head's own words; from the base, the base's privacy classes.
        const breaking = payloadChanges(h.name, was, v, was === prev ? headClasses : baseClasses, headClasses).filter((c) => c.level === 'breaking');
        if (!breaking.length) continue;
        out.push({
          message: `${schemaVer(v)} of '${h.name}' is an ADDITION over ${schemaVer(was)}${was === prev ? '' : ' (the base\'s)'}, but the change is breaking: ${listed(breaking.map((c) => c.message))}`,
          location: breaking[0]!.location ?? v.location,
          fix: `bump revision: (${v.version}-${v.revision + 1}-0, keeping ${schemaVer(was)} under revisions: ${was.revision}-${was.addition} while apps send it), or version: for a new model (${h.version + 1}); or make the change additive`,
        });
      }
    }
    return out;
  },
};
