import { customRulesSection } from './plugins/docs.js';
import { DEFAULT_PLUGIN_TIMEOUT_MS } from './plugins/run.js';
import { levelOf } from './diff/shape.js';
import type { ChangeKind } from './diff/types.js';
import { DEFAULTS } from './config.js';
import { ALL_RULES } from './rules/index.js';
import type { Rule } from './types.js';

/** What each kind of change means, for the classification table. */
const KINDS: Record<ChangeKind, string> = {
  'event-added': 'a new event',
  'event-removed': 'an event removed',
  'event-renamed': 'an event removed and added under another name with the same properties (a disguised rename)',
  'event-deprecated': 'an event marked deprecated',
  'event-status': 'another status change (planned → active …)',
  'event-text': 'description or trigger reworded',
  'event-metadata': 'owner, category, destinations, tags, changelog … changed',
  'property-added': 'an optional property added',
  'required-property-added': 'a required property added (existing callers do not send it)',
  'property-removed': 'a property removed',
  'property-renamed': 'a property removed and added under another name with the same shape',
  'type-changed': 'a property\'s type changed',
  'optional-to-required': 'an optional property made required',
  'required-to-optional': 'a required property made optional',
  'enum-value-removed': 'an enum value removed',
  'enum-value-added': 'an enum value added',
  'enum-reordered': 'enum values reordered (same set)',
  'constraint-narrowed': 'fewer values accepted: a higher minimum, a lower maximum, a new pattern/format/const, an enum where there was none, no longer nullable',
  'constraint-widened': 'more values accepted: the reverse of the above',
  'privacy-restricted': 'a stricter privacy class or content gating, so the value is no longer delivered by default',
  'privacy-changed': 'another privacy class change',
  'property-text': 'a property\'s description, examples, unit, cardinality or waiver changed',
  'metric-added': 'a new metric',
  'metric-removed': 'a metric removed',
  'metric-changed': 'a metric\'s definition changed (same name, new numbers)',
  'metric-text': 'a metric\'s description, owner or target changed',
};

const levelWord = { error: 'error', warn: 'warn', info: 'info (never fails)' } as const;

function section(r: Rule): string {
  const lines = [`### \`${r.id}\``, '', r.summary, '', `- Default level: **${levelWord[r.defaultLevel]}**`, `- Looks at: ${r.compares ? 'the change (base → head)' : 'the head taxonomy'}`, '', r.details, ''];
  if (r.example) {
    lines.push('Reported:', '', '```yaml', r.example.bad, '```', '', 'Passes:', '', '```yaml', r.example.good, '```', '');
  }
  return lines.join('\n');
}

/** docs/rules.md, generated from the rules' own metadata (`npm run docs -w @taxonomy/governance`). */
export function renderRulesPage(rules: readonly Rule[] = ALL_RULES): string {
  const groups = [...new Set(rules.map((r) => r.id.split('/')[0]!))];
  const out = [
    '# Governance rules',
    '',
    '<!-- Generated from packages/governance/src/rules/*.ts by packages/governance/scripts/gen-rules-doc.mjs. Do not edit. -->',
    '',
    '`taxonomy govern --base <git ref>` loads the taxonomy at the base ref and in the working tree, classifies every change,',
    'and runs the rules below. Each finding has a rule id, a level, a location and a fix. Any `error` fails the run (exit 1).',
    '',
    '## Configuration',
    '',
    'Levels are set in `taxonomy/taxonomy.yaml` by rule id, by group (`privacy/*`) or for all rules (`*`); the most specific wins:',
    '',
    '```yaml',
    'rules:',
    '  privacy/no-pii: error',
    '  drift/never-emitted: off',
    '  impact/*: warn',
    'governance:',
    `  deprecation_days: ${DEFAULTS.deprecationDays}      # deprecate, then remove after this many days`,
    `  max_label_values: ${DEFAULTS.maxLabelValues}      # most values of a metrics-destination label`,
    `  waiver_warning_days: ${DEFAULTS.waiverWarningDays}   # warn before a privacy waiver expires`,
    `  expiring_days: ${DEFAULTS.expiringDays}         # warn before an event expires (lifecycle/expiring)`,
    '  app:                     # application sources scanned for tracker calls',
    '    include: ["apps/web/src/**/*.{ts,tsx}"]',
    '    exclude: ["**/*.test.ts"]',
    '    tracker: [tracker]     # tracker.<domain>.<event>(...)',
    '    raw_calls: [track]     # track(\'event name\', ...)',
    '```',
    '',
    '## Rules',
    '',
    '| Rule | Default | Checks |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id.replace(/[^a-z0-9-]/g, '')}) | ${r.defaultLevel} | ${r.summary.replace(/\|/g, '\\|')} |`),
    '',
    ...groups.flatMap((g) => [`## ${g}/`, '', ...rules.filter((r) => r.id.startsWith(`${g}/`)).map(section)]),
    ...customRulesSection(DEFAULT_PLUGIN_TIMEOUT_MS),
    '## How changes are classified',
    '',
    'The largest level decides the release: breaking → major, additive → minor, patch → patch (`compat/changeset`).',
    'A breaking change to an event that still exists also needs a higher `version:` (`compat/version-bump`).',
    'Moving a property into a shared `ref:` with the same shape is not a change of data (at most a patch, if its words changed).',
    '',
    '| Change | Level | Meaning |',
    '|---|---|---|',
    ...(Object.keys(KINDS) as ChangeKind[]).map((k) => `| \`${k}\` | ${levelOf(k)} | ${KINDS[k]} |`),
    '',
  ];
  return out.join('\n');
}
