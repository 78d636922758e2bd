import type { TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import type { Facts, RawFinding, Rule } from '../types.js';
import { driftFindings } from './drift-files.js';
import { CHANGE_PLACEHOLDER } from './compat.js';
import { byDefinition, eventProperties, listNames } from '../walk.js';

// Doc-first rules look at every event, so `taxonomy check` (no base) reports them too; in a
// pull request the findings on events the change does not touch are existing debt (the
// engine's baseline), so only new or edited events block.

function requireField(field: 'description' | 'trigger' | 'owner' | 'category', what: string, fix: (e: TaxonomyEvent, head: TaxonomyModel) => string, placeholder?: string) {
  return (_base: TaxonomyModel | undefined, head: TaxonomyModel): RawFinding[] =>
    head.events.filter((e) => !e[field]?.trim()).map((e) => ({
      message: `event '${e.name}' has no ${what}`,
      location: e.location,
      fix: fix(e, head),
      // Words only the author can write: the edit puts the placeholder the fix names in place.
      ...(placeholder ? { edit: { file: e.location.file, line: e.location.line, set: { [field]: placeholder } } } : {}),
    }));
}

export const docDescription: Rule = {
  id: 'doc/description',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every event says what happened (description); in a pull request, new or changed events block.',
  details: 'Doc-first: the taxonomy is the documentation. An event added or edited by the change must have a `description:` a product manager can read.',
  example: { bad: 'draft_created:\n  trigger: …', good: 'draft_created:\n  description: A new draft was created.\n  trigger: …' },
  check: requireField('description', 'description', (e) => `add description: <what happened, in one sentence> under '${e.name}'`, '<what happened, in one sentence>'),
};

export const docTrigger: Rule = {
  id: 'doc/trigger',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every event says when to emit it (trigger).',
  details: 'Engineers implement the event from the `trigger:`; without it two teams emit it at different moments and the numbers disagree.',
  example: { bad: 'draft_created:\n  description: A new draft was created.', good: 'draft_created:\n  description: A new draft was created.\n  trigger: User creates a draft from chat, a template, or blank.' },
  check: requireField('trigger', 'trigger ("when to emit")', (e) => `add trigger: <the exact moment the code emits it> under '${e.name}'`, '<the exact moment the code emits it>'),
};

export const docOwner: Rule = {
  id: 'doc/owner',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every event has an owner (its own, or its domain\'s).',
  details: 'Someone must answer questions about the event and approve changes to it. `owner:` on the event or on its domain file counts.',
  example: { bad: 'domain: shop   # no owner', good: 'domain: shop\nowner: growth' },
  check: requireField('owner', 'owner', (e) => `add owner: <team> to '${e.name}' or to its domain file`),
};

export const docCategory: Rule = {
  id: 'doc/category',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every event has a dashboard category.',
  details: 'The category decides which dashboard the event lands on (seed 003 files every event under one). The loader only warns about a missing category; this rule makes it an error (existing ones are debt in a pull request until the change touches the event).',
  example: { bad: 'team_invite_sent:\n  description: …', good: 'team_invite_sent:\n  description: …\n  category: expansion' },
  check: requireField('category', 'category', (e, head) => `add category: <id> to '${e.name}' (one of: ${head.categories.map((c) => c.name).join(', ') || 'define one in taxonomy/categories'})`),
};

export const docPropertyDescription: Rule = {
  id: 'doc/property-description',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every property of an event has a description.',
  details: 'Nested keys included. A property defined once (a shared or global property) is reported once, naming the events that use it.',
  example: { bad: 'nodeCount: { type: integer }', good: 'nodeCount: { type: integer, description: Nodes in the draft. }' },
  check: (_base, head) => byDefinition([...head.events.flatMap((e) => [...eventProperties(e)])].filter((v) => !v.property.description?.trim()))
    .map(({ first, events }) => ({
      message: `property '${first.path}' of ${listNames(events)} has no description`,
      location: first.property.location,
      fix: `add description: <what the value means, its unit, when it is absent> to '${first.property.name}'`,
      edit: { file: first.property.location.file, line: first.property.location.line, set: { description: '<what the value means, its unit, when it is absent>' } },
    })),
};

export const docShapeChange: Rule = {
  id: 'doc/shape-change',
  defaultLevel: 'error',
  compares: true,
  summary: 'A change to an event\'s properties also changes its description or adds a changelog entry.',
  details: 'Readers of the event must learn that its data changed. Any added, removed, renamed or retyped property (at any depth) needs a new `changelog:` entry or a reworded `description:`.',
  example: { bad: '# added property plan, nothing else', good: 'version: 2\nchangelog:\n  - { version: 2, change: Added plan. }' },
  check: (base, head, facts) => {
    if (!base) return [];
    const out: RawFinding[] = [];
    for (const ev of facts.diff.events) {
      // The shape is the data: words, enum order and privacy reclassification are not shape changes.
      const shape = ev.changes.filter((c) => c.property !== undefined && c.level !== 'patch');
      if (ev.status !== 'changed' || !shape.length) continue;
      const b = base.events.find((e) => e.name === ev.name), h = head.events.find((e) => e.name === ev.name);
      if (!b || !h) continue;
      const described = b.description !== h.description;
      const logged = h.changelog.some((c) => !b.changelog.some((x) => x.version === c.version && x.change === c.change));
      if (described || logged) continue;
      // A breaking change needs the next version (compat/version-bump says so too); an additive
      // one keeps the version, and an entry ahead of the version would be event/changelog-ahead.
      const version = ev.changes.some((c) => c.level === 'breaking') ? Math.max(h.version, b.version + 1) : h.version;
      const entry = `changelog: [{ version: ${version}, change: ${CHANGE_PLACEHOLDER} }]`;
      out.push({
        message: `the properties of '${h.name}' changed (${shape.map((c) => c.property).filter((p, i, a) => a.indexOf(p) === i).slice(0, 3).join(', ')}) but neither its description nor its changelog says so`,
        location: h.location,
        fix: version !== h.version ? `set version: ${version} and add a changelog entry under '${h.name}': ${entry}` : `add a changelog entry under '${h.name}': ${entry}`,
        edit: { file: h.location.file, line: h.location.line, ...(version !== h.version ? { set: { version } } : {}), append: { changelog: [{ version, change: CHANGE_PLACEHOLDER }] } },
      });
    }
    return out;
  },
};

/** Generators whose output is documentation (their drift is a doc-first problem, not a build problem). */
export const isDocsGenerator = (name: string) => /doc/i.test(name);

export const docGenerated: Rule = {
  id: 'doc/generated-docs',
  defaultLevel: 'error',
  compares: false,
  summary: 'The generated documentation is committed in the same change as the taxonomy.',
  details: 'Seed 003: "Before adding, renaming, or removing any event: update this document first." The docs are generated, so the rule is that the regenerated docs are part of the pull request.',
  example: { bad: '# edited taxonomy/, did not run taxonomy generate', good: 'npm run generate && git add docs/' },
  check: (_base, _head, facts) => driftFindings((facts.drift ?? []).filter((d) => isDocsGenerator(d.generator)), 'documentation',
    'run `npm run generate` (taxonomy generate) and commit the documentation with this change'),
};
