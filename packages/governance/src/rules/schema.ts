import type { Diagnostic } from '@taxonomy/core';
import type { RawFinding, Rule } from '../types.js';

const toFinding = (d: Diagnostic): RawFinding => ({
  message: `${d.message} [${d.code}]`,
  location: d.location,
  fix: d.hint ?? 'see `taxonomy check` for details',
});


export const schemaError: Rule = {
  id: 'schema/error',
  defaultLevel: 'error',
  compares: false,
  summary: 'Everything `taxonomy check` reports as an error: the schema, unknown references, duplicates, naming.',
  details: 'The head taxonomy must load cleanly. Each finding keeps the loader\'s own code in brackets (e.g. `[ref/unknown-property]`) and its hint as the fix.',
  example: { bad: 'properties:\n  source: { ref: sorce }', good: 'properties:\n  source: { ref: source }' },
  check: (_base, _head, facts) => facts.diagnostics.filter((d) => d.severity === 'error').map(toFinding),
};

export const schemaWarning: Rule = {
  id: 'schema/warning',
  defaultLevel: 'error',
  compares: false,
  summary: 'Everything `taxonomy check` reports as a warning; governance is strict (like `taxonomy check --strict`).',
  details: 'Warnings such as an event without a category, a domain property shadowing a shared one, or a `deprecated:` block on a live event fail the gate unless this rule is set to `warn`. A missing category is reported once, by `doc/category`.',
  example: { bad: 'team_invite_sent:\n  description: …   # no category', good: 'team_invite_sent:\n  category: expansion' },
  // A missing category is reported by doc/category (on every event), not twice.
  check: (_base, _head, facts) => facts.diagnostics.filter((d) => d.severity === 'warning' && d.code !== 'event/no-category').map(toFinding),
};
