import type { PrivacyClass, TaxonomyModel } from '@taxonomy/core';
import type { RawFinding, Rule } from '../types.js';
import { allProperties, byDefinition, listNames } from '../walk.js';

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const contactsOf = (e: { contacts: readonly string[]; owner?: string }) => (e.contacts.length ? e.contacts.join(', ') : e.owner ? `owner ${e.owner}` : 'its owner');

export const lifecycleExpired: Rule = {
  id: 'lifecycle/expired',
  defaultLevel: 'error',
  compares: false,
  summary: 'No event is past its `expires:` date (after it, trackers drop it and the collector quarantines it).',
  details: 'Glean\'s lesson: data nobody renews stops being collected. After `expires`, the typed tracker drops the event (counted as `expired` in `tracker.stats()`) and `taxonomy serve` quarantines it; the taxonomy should say so too. In a pull request an expired event the change does not touch is existing debt; editing it makes it the author\'s.',
  example: { bad: 'trial_started:\n  expires: 2024-01-31   # in the past', good: 'trial_started:\n  expires: 2026-01-31   # renewed after review, or the event removed' },
  check: (_base, head, facts) => head.events.filter((e) => e.expires !== undefined && e.expires < facts.today).map((e): RawFinding => ({
    message: `event '${e.name}' expired on ${e.expires} (${days(e.expires!, facts.today)} day(s) ago): trackers drop it and the collector quarantines it`,
    location: e.location,
    fix: `if it is still needed, ask ${contactsOf(e)} to review it and set a new expires: date; otherwise deprecate and remove it`,
  })),
};

export const lifecycleExpiring: Rule = {
  id: 'lifecycle/expiring',
  defaultLevel: 'warn',
  compares: false,
  summary: 'An event whose `expires:` date is near (governance.expiring_days, default 30) is renewed or retired in time.',
  details: 'Warns within the window before the date, in `check` and in pull requests, so that collection does not stop by surprise.',
  example: { bad: 'trial_started:\n  expires: <in 10 days>', good: 'trial_started:\n  expires: <next year, after review>' },
  check: (_base, head, facts) => head.events.filter((e) => e.expires !== undefined && e.expires >= facts.today && days(facts.today, e.expires) <= facts.config.expiringDays).map((e): RawFinding => ({
    message: `event '${e.name}' expires on ${e.expires}, in ${days(facts.today, e.expires!)} day(s); then trackers stop sending it`,
    location: e.location,
    fix: `ask ${contactsOf(e)} whether it is still needed: set a later expires: date after review, or plan its removal`,
  })),
};

/** Classes whose data needs a review on record: pii, content and secret by name, or anything as sensitive as content. */
export const needsReview = (c: PrivacyClass | undefined) => !!c && (['pii', 'content', 'secret'].includes(c.name) || c.sensitivity >= 5);

export const lifecycleDataReview: Rule = {
  id: 'lifecycle/data-review',
  // An error by default: the issue requires the link where the privacy class asks for review.
  // In a pull request, properties that already lacked it are existing debt (they do not block);
  // a team adopting the rule can lower it with `rules: { lifecycle/data-review: warn }`.
  defaultLevel: 'error',
  compares: false,
  summary: 'A property of a class that asks for review (pii, content, secret) links its data review (`data_review:`).',
  details: 'Glean requires `data_reviews` for every metric; here the review is required where it matters: properties of the classes named `pii`, `content` or `secret`, or of any class with sensitivity 5 or more. The link is to the review (a ticket, a document) that approved collecting the data. Required, so an error by default: in a pull request, properties that already lacked a link are existing debt and block only once the change touches them; a team adopting the rule can lower it with `rules: { lifecycle/data-review: warn }`.',
  example: { bad: 'comment: { type: string, privacy: content, content_gated: true }', good: 'comment: { type: string, privacy: content, content_gated: true, data_review: https://reviews.example.com/DR-12 }' },
  check: (_base, head: TaxonomyModel) => {
    const classes = new Map(head.privacyClasses.map((c) => [c.name, c] as const));
    const missing = [...allProperties(head)].filter(({ property: p }) => needsReview(p.privacy ? classes.get(p.privacy) : undefined) && !p.dataReview?.trim());
    return byDefinition(missing).map(({ first, events }) => ({
      message: `property '${first.path}' of ${listNames(events)} is ${first.property.privacy} data but links no data review`,
      location: first.property.location,
      fix: `add data_review: <link to the review that approved collecting it> to '${first.property.name}'`,
    }));
  },
};
