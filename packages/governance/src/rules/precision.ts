import type { PrivacyClass, TaxonomyModel } from '@taxonomy/core';
import type { RawFinding, Rule } from '../types.js';
import { allProperties, byDefinition, listNames } from '../walk.js';

/** The column a property path becomes in the generated views and dbt models. */
const column = (path: string) => path.replace(/\$/g, '_').replace(/\./g, '__');

export const compatRequiredToOptional: Rule = {
  id: 'compat/required-to-optional',
  defaultLevel: 'warn',
  compares: true,
  summary: 'A required property that becomes optional says what downstream loses.',
  details: 'Old payloads stay valid, so the change is additive; but every consumer that relied on a value loses it: the dbt `not_null` test on the column disappears, the generated types make the field optional (`field?:`), and views, queries and dashboards that assumed a value now see NULL.',
  example: { bad: 'order_id: { ref: order_id, required: false }   # was required', good: '# keep it required, or say in the pull request which consumers handle NULL' },
  check: (_base, _head, facts) => facts.diff.changes.filter((c) => c.kind === 'required-to-optional' && c.event && c.property).map((c): RawFinding => ({
    message: `property '${c.property}' of '${c.event}' became optional: downstream loses the dbt not_null test on column '${column(c.property!)}', the non-optional '${c.property!.split('.').pop()}' field of the generated types (it becomes optional), and every view, query and dashboard that assumed a value now sees NULL`,
    location: c.location,
    fix: `keep required: true if every sender can send it; otherwise check the consumers of '${c.event}' handle a missing '${c.property}' and say so in the pull request`,
  })),
};

/** Public data: the class named public, or of sensitivity 0, sent everywhere. */
const isPublic = (cls: PrivacyClass | undefined) => !!cls && cls.allowedInEvents && !cls.contentGated && (cls.name === 'public' || cls.sensitivity === 0);

export const privacyFreeText: Rule = {
  id: 'privacy/free-text',
  defaultLevel: 'warn',
  compares: false,
  summary: 'A public string is bounded: maxLength, format, pattern, enum or const.',
  details: 'Public data goes to every destination unreviewed. An unbounded free-text string is where personal data, secrets and stack traces end up, and it has unbounded cardinality in every tool downstream. Applies to strings of the class named `public` or of sensitivity 0; more sensitive classes are reviewed as such by the privacy rules.',
  example: { bad: 'note: { type: string, privacy: public }', good: 'note: { type: string, maxLength: 200, privacy: public }' },
  check: (_base, head: TaxonomyModel) => {
    const classes = new Map(head.privacyClasses.map((c) => [c.name, c] as const));
    const free = [...allProperties(head)].filter(({ property: p }) => p.type === 'string' && !p.contentGated && isPublic(p.privacy ? classes.get(p.privacy) : undefined)
      && p.maxLength === undefined && p.format === undefined && p.pattern === undefined && p.enum === undefined && p.const === undefined);
    return byDefinition(free).map(({ first, events }) => ({
      message: `property '${first.path}' of ${listNames(events)} is a free-text string (no maxLength, format, pattern or enum)`,
      location: first.property.location,
      fix: `bound it: maxLength: 200 for text (or what the longest real value needs), format: (uuid, uri, date-time …) or pattern: for ids, enum: for a known set of values`,
      edit: { file: first.property.location.file, line: first.property.location.line, set: { maxLength: 200 } },
    }));
  },
};
