import type { TaxonomyEvent, TaxonomyModel } from '@taxonomy/core';
import { bumpCovers, bumpsByPackage, changesetTemplate } from '../changesets.js';
import type { Change } from '../diff/types.js';
import type { Facts, RawFinding, Rule } from '../types.js';
import { daysBetween, listNames } from '../walk.js';

/** Changes that break the data of an event that still exists (not its removal or rename). */
const shapeBreaking = (c: Change) => c.level === 'breaking' && c.property !== undefined;

/** What the author writes in a changelog entry; a valid YAML string, so the fix applies as printed. */
export const CHANGE_PLACEHOLDER = '<what changed and why>';

export const compatVersionBump: Rule = {
  id: 'compat/version-bump',
  defaultLevel: 'error',
  compares: true,
  summary: 'A breaking change to an event increases its `version:`.',
  details: 'Breaking: removing or renaming a property, changing its type, narrowing it (fewer enum values, tighter bounds, a new pattern or format), making an optional property required, adding a required property, or no longer delivering it by default (a stricter privacy class). Consumers tell the two shapes apart by the version (seed 003\'s `event_schema_version`). A version never goes down. A SchemaVer REVISION (a higher `revision:` of the same model) may make such a change too: the earlier revision stays accepted while it is kept under `revisions:` (compat/version-retired warns when it is not); a higher ADDITION must be additive (compat/schemaver-addition).',
  example: { bad: 'source: { ref: source, required: true }   # was optional; version still 1', good: 'version: 2\nchangelog:\n  - { version: 2, change: source is now required. }' },
  check: (base, head, facts) => {
    const out: RawFinding[] = [];
    for (const ev of facts.diff.events) {
      if (ev.status !== 'changed' || ev.baseVersion === undefined || ev.headVersion === undefined) continue;
      const first = ev.changes.find(shapeBreaking);
      const at = head.events.find((e) => e.name === ev.name)?.location;
      if (ev.headVersion < ev.baseVersion) {
        out.push({ message: `the version of '${ev.name}' went down from ${ev.baseVersion} to ${ev.headVersion}`, location: first?.location ?? ev.changes[0]?.location, fix: `set version: ${ev.baseVersion}${first ? ` or higher (${ev.baseVersion + 1} for this breaking change)` : ''}` });
        continue;
      }
      if (!first || ev.headVersion > ev.baseVersion) continue;
      // SchemaVer: a higher REVISION of the same model may refuse earlier data (its earlier
      // revisions stay accepted under revisions:); a higher ADDITION is compat/schemaver-addition's.
      if (newerRevisionAddition(base, head, ev.from ?? ev.name, ev.name)) continue;
      const why = ev.changes.filter(shapeBreaking).map((c) => c.message);
      out.push({
        message: `breaking change to '${ev.name}' without a version bump: ${why.slice(0, 3).join('; ')}${why.length > 3 ? `; and ${why.length - 3} more` : ''}`,
        location: first.location,
        fix: `set version: ${ev.baseVersion + 1} on '${ev.name}' and add a changelog entry (changelog: [{ version: ${ev.baseVersion + 1}, change: ${CHANGE_PLACEHOLDER} }]), or make the change compatible (keep the property optional, add values instead of removing them)`,
        ...(at ? { edit: { file: at.file, line: at.line, set: { version: ev.baseVersion + 1 }, append: { changelog: [{ version: ev.baseVersion + 1, change: CHANGE_PLACEHOLDER }] } } } : {}),
      });
    }
    return out;
  },
};

/** Whether the head's newest REVISION-ADDITION of an event is higher than the base's, for the same major. */
function newerRevisionAddition(base: TaxonomyModel | undefined, head: TaxonomyModel, baseName: string, headName: string): boolean {
  const b = base?.events.find((e) => e.name === baseName), h = head.events.find((e) => e.name === headName);
  const bv = b?.versions?.[b.versions.length - 1], hv = h?.versions?.[h.versions.length - 1];
  if (!bv || !hv || bv.version !== hv.version) return false;
  return hv.revision > bv.revision || (hv.revision === bv.revision && hv.addition > bv.addition);
}

const requiredNote: Record<string, string> = { major: 'a breaking change', minor: 'an additive change', patch: 'a patch (words and metadata only)' };

export const compatChangeset: Rule = {
  id: 'compat/changeset',
  defaultLevel: 'error',
  compares: true,
  summary: 'A changeset (.changeset/*.md) bumps every generated package by at least what the change needs.',
  details: 'Breaking → major, additive → minor, words only → patch. The generated packages are the taxonomy\'s `packages:` (taxonomy.yaml). Only changesets added or edited by this change count; releases already pending do not.',
  example: { bad: '# breaking change, changeset says "@acme/schemas": minor', good: '---\n"@acme/schemas": major\n"@acme/tracker": major\n---\nRemoved checkout_started.property coupon.' },
  check: (_base, head, facts) => {
    const need = facts.diff.bump;
    if (need === 'none') return [];
    const have = bumpsByPackage(facts.changesets);
    const packages = facts.generatedPackages.length ? facts.generatedPackages : [...have.keys()];
    const worst = facts.diff.changes.find((c) => c.level === ({ major: 'breaking', minor: 'additive', patch: 'patch' } as const)[need]) ?? facts.diff.changes[0];
    const why = `this change is ${requiredNote[need]} (${worst?.message ?? 'see the summary'})`;
    const template = (pkgs: readonly string[]) => `add .changeset/<name>.md:\n${changesetTemplate(pkgs, need, 'What changed in the taxonomy, for the changelog.')}`;
    if (packages.length === 0) {
      return [{ message: `${why}, but no changeset was added`, location: worst?.location, fix: template([`@${head.name}/schemas`]) }];
    }
    const short = packages.filter((p) => !bumpCovers(have.get(p), need)).sort();
    if (!short.length) return [];
    const release = facts.changesets.flatMap((c) => c.releases.map((r) => ({ ...r, file: c.file }))).find((r) => short.includes(r.name));
    const detail = short.map((p) => (have.has(p) ? `${p} (${have.get(p)})` : `${p} (none)`)).join(', ');
    return [{
      message: `${why}; it needs a ${need} bump, but the changesets give ${detail}`,
      location: release ? { file: release.file, line: release.line, column: 1 } : worst?.location,
      fix: release ? `set ${short.map((p) => `"${p}": ${need}`).join(', ')} in ${release.file}` : template(short),
    }];
  },
};

export const compatChangesetInvalid: Rule = {
  id: 'compat/changeset-invalid',
  defaultLevel: 'error',
  compares: false,
  summary: 'Changeset files are readable: front matter mapping package names to major, minor or patch.',
  details: 'A changeset the gate cannot read would also break `changeset version` at release time.',
  check: (_base, _head, facts) => facts.changesetErrors,
};

/** Why an event may not be removed yet, or undefined when its deprecation period is over. */
function notYetRemovable(e: TaxonomyEvent, facts: Facts): string | undefined {
  const days = facts.config.deprecationDays;
  if (e.status !== 'deprecated') return `it was not deprecated first (status: ${e.status})`;
  const since = e.deprecated?.since;
  if (!since) return 'its deprecation has no since: date, so the waiting period cannot be checked';
  const age = daysBetween(since, facts.today);
  if (age < days) return `it has been deprecated for ${age} day(s) (since ${since}); the policy is ${days}`;
  const removal = e.deprecated?.removal;
  if (removal && removal > facts.today) return `its announced removal date is ${removal}`;
  return undefined;
}

function removalFindings(base: TaxonomyModel | undefined, facts: Facts, status: 'removed' | 'renamed'): RawFinding[] {
  if (!base) return [];
  const out: RawFinding[] = [];
  for (const ev of facts.diff.events.filter((e) => e.status === status)) {
    const old = base.events.find((e) => e.name === (ev.from ?? ev.name));
    if (!old) continue;
    const why = notYetRemovable(old, facts);
    if (!why) continue;
    const loc = ev.changes.find((c) => c.kind === 'event-removed' || c.kind === 'event-renamed')?.location;
    const metrics = base.metrics.filter((m) => m.events.includes(old.name)).map((m) => m.name);
    const feeds = metrics.length ? ` It feeds ${listNames(metrics)}.` : '';
    out.push(status === 'renamed'
      ? {
        message: `'${old.name}' looks renamed to '${ev.name}' (removed and added with the same properties), but ${why}.${feeds}`,
        location: loc,
        fix: `keep '${old.name}' with status: deprecated and deprecated: { replacement: ${ev.name}, since: ${facts.today} } for ${facts.config.deprecationDays} days while both are emitted, then remove it`,
      }
      : {
        message: `event '${old.name}' was removed (it was at ${old.location.file}:${old.location.line} in the base), but ${why}.${feeds}`,
        location: loc,
        fix: `restore it with status: deprecated and deprecated: { replacement: <event>, since: ${facts.today} }; remove it after ${facts.config.deprecationDays} days`,
      });
  }
  return out;
}

export const compatEventRemoved: Rule = {
  id: 'compat/event-removed',
  defaultLevel: 'error',
  compares: true,
  summary: 'An event is removed only after it was deprecated for the configured period (deprecate, then remove).',
  details: 'The base must show the event with `status: deprecated` and `deprecated.since:` at least `governance.deprecation_days` (default 90) days before the run\'s date, and past its `deprecated.removal:` date if one was announced. Dashboards and code that still read it get that time to move.',
  example: { bad: '# checkout_started deleted while active', good: 'checkout_started:\n  status: deprecated\n  deprecated: { replacement: checkout_begun, since: 2025-01-10 }' },
  check: (base, _head, facts) => removalFindings(base, facts, 'removed'),
};

export const compatEventRenamed: Rule = {
  id: 'compat/event-renamed',
  defaultLevel: 'error',
  compares: true,
  summary: 'A rename disguised as a remove and an add follows the deprecation policy of the old name.',
  details: 'An added event with the same own properties as a removed one (or the same description/trigger, or whose description or changelog names the old one) is a rename: every consumer of the old name breaks. Add the new event and deprecate the old one with `replacement:` instead.',
  example: { bad: '# checkout_started removed, checkout_begun added with the same properties', good: 'checkout_started:\n  status: deprecated\n  deprecated: { replacement: checkout_begun, since: 2025-01-10 }\ncheckout_begun: { … }' },
  check: (base, _head, facts) => removalFindings(base, facts, 'renamed'),
};
