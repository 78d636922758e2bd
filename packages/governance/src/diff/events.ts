import type { PrivacyClass, TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { diffProperties, levelOf, shapeKey, type ShapeContext } from './shape.js';
import { diffObjectRules } from './shape-rules.js';
import type { Change, ChangeKind } from './types.js';

/** A name without case or separators: the same name in any naming style. */
const fold = (name: string) => name.toLowerCase().replace(/[._\-\s]/g, '');

/** Event fields that are words: a change is a patch. */
const TEXT_FIELDS = ['description', 'trigger'] as const;
/** Event fields that route or file the event: a change is a patch too (the impact rule reports who is affected). */
const META_FIELDS = ['owner', 'category', 'destinations', 'tags', 'priority', 'emittedBy', 'outcome', 'critical', 'changelog', 'deprecated', 'extensions'] as const;

/** The event's own data (not the globals every event of the domain shares): what identifies it across a rename. */
function ownSignature(e: TaxonomyEvent): string {
  return JSON.stringify(e.properties.filter((p) => p.origin === 'event').map((p) => [p.name, shapeKey(p, p.required)]).sort());
}

/**
 * Pairs removed events with added ones that carry the same data: a rename disguised
 * as a remove and an add. Same own properties (at least one), or, for events without
 * own properties, the same description or trigger; an added event that names the
 * removed one in its description or changelog is a rename too.
 */
export function pairRenames(removed: readonly TaxonomyEvent[], added: readonly TaxonomyEvent[]): Map<string, TaxonomyEvent> {
  const out = new Map<string, TaxonomyEvent>();
  const taken = new Set<string>();
  for (const r of removed) {
    const sig = ownSignature(r);
    const mentions = (a: TaxonomyEvent) => [a.description ?? '', ...a.changelog.map((c) => c.change)].some((t) => new RegExp(`(^|[^\\w.$])${r.name.replace(/[.$]/g, '\\$&')}([^\\w]|$)`).test(t));
    const same = (a: TaxonomyEvent) => a.domain === r.domain && (sig !== '[]'
      ? ownSignature(a) === sig
      : (!!r.description && r.description === a.description) || (!!r.trigger && r.trigger === a.trigger));
    // The same name in another naming style (checkoutStarted → checkout_started) is a rename
    // whatever else changed with it (its properties may have been restyled too).
    const restyled = (a: TaxonomyEvent) => a.domain === r.domain && fold(a.name) === fold(r.name);
    const cand = added.find((a) => !taken.has(a.name) && restyled(a)) ?? added.find((a) => !taken.has(a.name) && mentions(a)) ?? added.find((a) => !taken.has(a.name) && same(a));
    if (cand) { out.set(r.name, cand); taken.add(cand.name); }
  }
  return out;
}

export interface EventDiffContext {
  readonly base: TaxonomyModel;
  readonly head: TaxonomyModel;
  readonly emit: (c: Change) => void;
}

const classes = (m: TaxonomyModel) => new Map<string, PrivacyClass>(m.privacyClasses.map((c) => [c.name, c] as const));

/** Compares the events of two taxonomies; returns base name → head event for detected renames. */
export function diffEvents(ctx: EventDiffContext): Map<string, TaxonomyEvent> {
  const { base, head, emit } = ctx;
  const headByName = new Map(head.events.map((e) => [e.name, e] as const));
  const baseByName = new Map(base.events.map((e) => [e.name, e] as const));
  const removed = base.events.filter((e) => !headByName.has(e.name));
  const added = head.events.filter((e) => !baseByName.has(e.name));
  const renames = pairRenames(removed, added);
  const renamedTo = new Set([...renames.values()].map((e) => e.name));
  const c = (kind: ChangeKind, event: string, message: string, location = headByName.get(event)?.location): Change => ({ kind, level: levelOf(kind), event, message, location });

  for (const r of removed) {
    const to = renames.get(r.name);
    if (to) emit(c('event-renamed', to.name, `event '${r.name}' was renamed to '${to.name}' (removed and added with the same properties)`));
    // A removed event has no head location: it is located at its line in the base's file, and says so.
    else emit(c('event-removed', r.name, `event '${r.name}' was removed (it was at ${r.location.file}:${r.location.line} in the base)`, r.location));
  }
  for (const a of added) if (!renamedTo.has(a.name)) emit(c('event-added', a.name, `event '${a.name}' was added`));

  const pairs: [TaxonomyEvent, TaxonomyEvent][] = [
    ...head.events.filter((e) => baseByName.has(e.name)).map((e) => [baseByName.get(e.name)!, e] as [TaxonomyEvent, TaxonomyEvent]),
    ...[...renames].map(([from, to]) => [baseByName.get(from)!, to] as [TaxonomyEvent, TaxonomyEvent]),
  ];
  const sctx = (event: string): ShapeContext => ({ event, baseClasses: classes(base), headClasses: classes(head), emit });
  for (const [b, h] of pairs) {
    const words = TEXT_FIELDS.filter((k) => b[k] !== h[k]);
    if (words.length) emit(c('event-text', h.name, `event '${h.name}': ${words.join(' and ')} changed`));
    const meta = META_FIELDS.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(h[k]));
    if (meta.length) emit(c('event-metadata', h.name, `event '${h.name}': ${meta.join(', ')} changed`));
    if (b.status !== h.status) {
      emit(c(h.status === 'deprecated' ? 'event-deprecated' : 'event-status', h.name, `event '${h.name}' is now ${h.status} (was ${b.status})`));
    }
    const s = sctx(h.name);
    diffProperties(b.properties, h.properties, '', h.location, s);
    diffObjectRules(b, h, '', h.location, s);
    diffProperties(b.personProperties.set, h.personProperties.set, '$set', h.location, s);
    diffProperties(b.personProperties.setOnce, h.personProperties.setOnce, '$set_once', h.location, s);
  }
  return renames;
}
