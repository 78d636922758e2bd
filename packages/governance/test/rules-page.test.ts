// docs/rules.md is generated from the rules' metadata: every rule is documented, and the
// committed page is what the code renders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES, levelOf, renderRulesPage } from '@taxonomy/governance';

const page = readFileSync(join(import.meta.dirname, '../../../docs/rules.md'), 'utf8');

describe('the rules page (docs/rules.md)', () => {
  it('is what renderRulesPage() makes (run node packages/governance/scripts/gen-rules-doc.mjs)', () => {
    expect(page).toBe(renderRulesPage());
  });

  it('documents every rule id with its own section and a table row', () => {
    for (const r of ALL_RULES) {
      expect(page).toContain(`### \`${r.id}\``);
      expect(page).toContain(`| [\`${r.id}\`]`);
    }
  });

  it('rule ids are unique, grouped and stable in form; every rule says what and why', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^(schema|doc|privacy|compat|drift|metrics|impact|config|governance|identity|lifecycle|routing)\/[a-z]+(-[a-z]+)*$/);
      expect(r.summary.length).toBeGreaterThan(20);
      expect(r.details.length).toBeGreaterThan(30);
    }
  });

  it('lists the classification of every kind of change', () => {
    for (const k of ['event-renamed', 'enum-reordered', 'optional-to-required', 'property-added'] as const) expect(page).toContain(`| \`${k}\` | ${levelOf(k)} |`);
    expect(levelOf('enum-reordered')).toBe('patch');
    expect(levelOf('optional-to-required')).toBe('breaking');
  });
});
