import type { PrivacyClass, TaxonomyModel } from '@taxonomy/core';
import { KIND_PHRASE, suspect, type Suspicion } from '../pii.js';
import type { RawFinding, Rule } from '../types.js';
import { labelsOf } from './labels.js';
import { allProperties, byDefinition, daysBetween, listNames, type PropertyVisit } from '../walk.js';

const classMap = (m: TaxonomyModel) => new Map<string, PrivacyClass>(m.privacyClasses.map((c) => [c.name, c] as const));
/** Where the class refusal applies: leaves, and objects whose keys are not declared (their class is all we know). */
const leaves = (m: TaxonomyModel) => [...allProperties(m)].filter((v) => !v.container);

/** The taxonomy's class for a kind of data: by its usual name, else by what the class allows. */
export function classFor(needs: Suspicion['needs'], m: TaxonomyModel): PrivacyClass | undefined {
  const classes = m.privacyClasses;
  const named = classes.find((c) => c.name === needs);
  if (named) return named;
  if (needs === 'secret') return classes.find((c) => c.redact) ?? [...classes].sort((a, b) => b.sensitivity - a.sensitivity)[0];
  if (needs === 'content') return classes.find((c) => c.contentGated) ?? classes.find((c) => !c.allowedInEvents);
  return classes.filter((c) => !c.allowedInEvents).sort((a, b) => a.sensitivity - b.sensitivity)[0];
}

const reviewed = (v: PropertyVisit) => v.property.extensions?.['x-privacy-reviewed'] !== undefined;

export const privacyUnclassified: Rule = {
  id: 'privacy/unclassified',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every property has a privacy class.',
  details: 'The class decides where a value may go (destinations accept classes) and whether it is sent at all. Nested keys need one too. When the property looks like personal data the fix names the class it needs.',
  example: { bad: 'plan: { type: string }', good: 'plan: { type: string, privacy: internal }' },
  check: (_base, head) => byDefinition([...allProperties(head)].filter((v) => !v.property.privacy)).map(({ first, events }) => {
    const s = suspect(first.property.name, first.property);
    const c = s && classFor(s.needs, head);
    return {
      message: `property '${first.path}' of ${listNames(events)} has no privacy class`,
      location: first.property.location,
      fix: c ? `add privacy: ${c.name} (it looks like ${KIND_PHRASE[s!.kind]}: ${s!.because})${c.allowedInEvents ? '' : `; ${c.name} data is refused in events, so then drop it, send a non-identifying stand-in, or add a waiver after a privacy review`}` : `add privacy: <class> (one of: ${head.privacyClasses.map((x) => x.name).join(', ')})`,
      // Only a class the event may carry as it is: anything else needs a decision (drop, stand-in, waiver).
      ...(c && c.allowedInEvents && !c.contentGated ? { edit: { file: first.property.location.file, line: first.property.location.line, set: { privacy: c.name } } } : {}),
    };
  }),
};

export const privacyNoPii: Rule = {
  id: 'privacy/no-pii',
  defaultLevel: 'error',
  compares: false,
  summary: 'Classes refused in events (pii, secret) are sent only with a waiver naming a reason, an approver and an expiry date.',
  details: 'Applies to every property whose class has `allowed_in_events: false`, at any depth and in person properties (`$set`, `$set_once`). A waiver on the property or on an enclosing object counts; an expired waiver is reported by `privacy/waiver-expired`. An object whose keys are declared is judged by its keys.',
  example: { bad: 'email: { type: string, format: email, privacy: pii }', good: 'email_domain: { type: string, privacy: internal }\n# or, if the email is truly needed:\nemail:\n  privacy: pii\n  waiver: { reason: Billing contact, approver: dpo@acme.com, expires: 2026-12-31 }' },
  check: (_base, head) => {
    const classes = classMap(head);
    const refused = leaves(head).filter((v) => v.property.privacy && classes.get(v.property.privacy)?.allowedInEvents === false && !v.waiver);
    return byDefinition(refused).map(({ first, events }) => ({
      message: `property '${first.path}' of ${listNames(events)} is ${first.property.privacy} data, which is refused in events without a waiver`,
      location: first.property.location,
      fix: `drop it, send a non-identifying stand-in (a domain, a hash, a bucket), or add waiver: { reason, approver, expires: YYYY-MM-DD } after a privacy review`,
    }));
  },
};

export const privacyWaiverExpired: Rule = {
  id: 'privacy/waiver-expired',
  defaultLevel: 'error',
  compares: false,
  summary: 'A waiver whose expiry date has passed no longer allows the data.',
  details: 'A waiver applies up to and including its `expires:` date; from the next day the property is refused again. Dates are compared with the run\'s date (`--today`, default the current UTC date).',
  example: { bad: 'waiver: { reason: …, approver: …, expires: 2024-01-31 }', good: 'waiver: { reason: …, approver: …, expires: 2027-01-31 }   # renewed after review' },
  check: (_base, head, facts) => byDefinition([...allProperties(head)].filter((v) => v.property.waiver && v.property.waiver.expires < facts.today))
    .map(({ first, events }) => ({
      message: `the waiver of '${first.path}' (${listNames(events)}) expired on ${first.property.waiver!.expires}, ${daysBetween(first.property.waiver!.expires, facts.today)} day(s) ago`,
      location: first.property.location,
      fix: `remove the property, or have ${first.property.waiver!.approver} review it again and set a new expires: date`,
    })),
};

export const privacyWaiverExpiring: Rule = {
  id: 'privacy/waiver-expiring',
  defaultLevel: 'warn',
  compares: false,
  summary: 'A waiver expires soon (taxonomy.yaml `governance.waiver_warning_days`, default 30).',
  details: 'A reminder before the waiver starts failing builds.',
  check: (_base, head, facts) => byDefinition([...allProperties(head)].filter((v) => {
    const w = v.property.waiver;
    if (!w || w.expires < facts.today) return false;
    return daysBetween(facts.today, w.expires) <= facts.config.waiverWarningDays;
  })).map(({ first, events }) => ({
    message: `the waiver of '${first.path}' (${listNames(events)}) expires on ${first.property.waiver!.expires}, in ${daysBetween(facts.today, first.property.waiver!.expires)} day(s)`,
    location: first.property.location,
    fix: `ask ${first.property.waiver!.approver} to review it before then, or plan the property's removal`,
  })),
};

export const privacyLooksLikePii: Rule = {
  id: 'privacy/looks-like-pii',
  defaultLevel: 'error',
  compares: false,
  summary: 'A property that looks like personal data, a credential or free text is classified as something less sensitive.',
  details: [
    'Weighs the name, the description, the type and the format together: an email, phone number, person\'s name, postal address, IP address, birth date, token/password, or free-text message content.',
    'A boolean, a closed enum or a const is never flagged (`email_verified`, `token_type`); numbers are counts (`tokens_used`); qualifiers such as `domain`, `hash`, `length`, `count` mean a derived value (`email_domain`); names of things that are not people are not person names (`channel_name`, `organization_name`).',
    'If a property is flagged wrongly, add `x-privacy-reviewed: <why it is not personal data>` to it rather than switching the rule off.',
  ].join(' '),
  example: { bad: 'contact: { type: string, description: The customer\'s email address., privacy: internal }', good: 'contact_domain: { type: string, description: Domain of the customer\'s email address., privacy: internal }' },
  check: (_base, head) => {
    const classes = classMap(head);
    const flagged: (PropertyVisit & { s: Suspicion; need: PrivacyClass })[] = [];
    for (const v of allProperties(head)) {
      if (v.container || !v.property.privacy || reviewed(v)) continue;
      const s = suspect(v.property.name, v.property);
      const need = s && classFor(s.needs, head);
      const have = classes.get(v.property.privacy);
      if (s && need && have && have.sensitivity < need.sensitivity) flagged.push({ ...v, s, need });
    }
    return byDefinition(flagged).map(({ first, events }): RawFinding => ({
      message: `property '${first.path}' of ${listNames(events)} looks like ${KIND_PHRASE[first.s.kind]} (${first.s.because}) but is classified ${first.property.privacy}`,
      location: first.property.location,
      fix: `classify it privacy: ${first.need.name} (then ${!first.need.allowedInEvents ? 'it needs a waiver or a non-identifying stand-in' : first.need.contentGated ? 'it is sent only when the tracker sets includeContent' : 'only destinations that accept it receive it'}); if it is not ${KIND_PHRASE[first.s.kind]}, say why with x-privacy-reviewed: <reason>`,
    }));
  },
};

export const privacyDestination: Rule = {
  id: 'privacy/destination',
  defaultLevel: 'error',
  compares: false,
  summary: 'A destination only receives the privacy classes it accepts.',
  details: 'Each event goes to its destinations (its own, its domain\'s, or the taxonomy\'s default); a destination with `accepts:` may only receive properties of those classes. A metrics destination (`kind: metrics`) receives only the labels (see `metrics/label-values`). A waiver does not change what a destination accepts.',
  example: { bad: 'destinations: [posthog]   # posthog accepts: [public, internal]\nproperties:\n  email: { privacy: pii, … }', good: 'destinations: [warehouse]   # warehouse accepts pii' },
  check: (_base, head) => {
    const out: RawFinding[] = [];
    for (const d of head.destinations) {
      if (!d.accepts) continue;
      // A metrics destination receives counters and their labels, not the payload.
      const sent = (v: PropertyVisit) => d.kind !== 'metrics' || (v.path === v.property.name && labelsOf(v.event).some((l) => l.property === v.property));
      // Refused outright (no waiver) is privacy/no-pii's finding; a destination problem remains once it is waived.
      const refused = (v: PropertyVisit) => classMap(head).get(v.property.privacy!)?.allowedInEvents === false && !v.waiver;
      const bad = leaves(head).filter((v) => v.event.destinations.includes(d.name) && v.property.privacy && !d.accepts!.includes(v.property.privacy) && sent(v) && !refused(v));
      for (const { first, events } of byDefinition(bad)) {
        out.push({
          message: `property '${first.path}' (${first.property.privacy}) of ${listNames(events)} goes to ${d.name}, which accepts only ${d.accepts.join(', ')}`,
          location: first.property.location,
          fix: `remove ${d.name} from the event's destinations, drop the property, or send a less sensitive stand-in`,
        });
      }
    }
    return out;
  },
};

export const privacyContentGating: Rule = {
  id: 'privacy/content-gating',
  defaultLevel: 'error',
  compares: false,
  summary: 'Content (user-authored text) is sent only behind content gating, so it cannot be required.',
  details: 'A property of a content-gated class (`content_gated: true` in privacy.yaml, such as `content`) is dropped unless the tracker is configured with `includeContent`. It must not switch gating off (`content_gated: false`), and it cannot be `required: true`, since it is absent whenever content is not included.',
  example: { bad: 'comment: { type: string, privacy: content, required: true }', good: 'comment: { type: string, privacy: content, content_gated: true, required: false }' },
  check: (_base, head) => {
    const classes = classMap(head);
    const out: RawFinding[] = [];
    const content = [...allProperties(head)].filter((v) => {
      const c = v.property.privacy ? classes.get(v.property.privacy) : undefined;
      return !!c && (c.contentGated || c.name === 'content');
    });
    for (const { first, events } of byDefinition(content.filter((v) => (v.property.contentGated ?? classes.get(v.property.privacy!)!.contentGated) === false))) {
      out.push({ message: `property '${first.path}' of ${listNames(events)} is ${first.property.privacy} but is not content-gated`, location: first.property.location, fix: 'set content_gated: true (it is then sent only when the tracker sets includeContent)', edit: { file: first.property.location.file, line: first.property.location.line, set: { content_gated: true } } });
    }
    for (const { first, events } of byDefinition(content.filter((v) => v.property.required))) {
      out.push({ message: `property '${first.path}' of ${listNames(events)} is content-gated but required: it is missing whenever content is not included`, location: first.property.location, fix: 'set required: false', edit: { file: first.property.location.file, line: first.property.location.line, set: { required: false } } });
    }
    return out;
  },
};
