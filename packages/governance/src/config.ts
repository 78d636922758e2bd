import type { TaxonomyModel } from '@taxonomy/core';
import type { ConfiguredLevel, GovernanceConfig, Level, RuleMeta } from './types.js';

export const DEFAULTS: GovernanceConfig = { deprecationDays: 90, maxLabelValues: 20, waiverWarningDays: 30, expiringDays: 30 };

/** taxonomy.yaml `governance:` with every default applied. */
export function governanceConfig(model: TaxonomyModel | undefined): GovernanceConfig {
  const g = model?.governance;
  return {
    deprecationDays: g?.deprecationDays ?? DEFAULTS.deprecationDays,
    maxLabelValues: g?.maxLabelValues ?? DEFAULTS.maxLabelValues,
    waiverWarningDays: g?.waiverWarningDays ?? DEFAULTS.waiverWarningDays,
    expiringDays: g?.expiringDays ?? DEFAULTS.expiringDays,
  };
}

/**
 * The level of a rule: its own id under `rules:` wins, then its group (`privacy/*`),
 * then `*`, then the rule's default. Returns 'off' when switched off.
 */
export function levelFor(rule: Pick<RuleMeta, 'id' | 'defaultLevel'>, rules: Readonly<Record<string, ConfiguredLevel>>): Level | 'off' {
  const group = rule.id.split('/')[0];
  const set = rules[rule.id] ?? rules[`${group}/*`] ?? rules['*'];
  return set ?? rule.defaultLevel;
}

/** Keys under `rules:` that name no rule and no group (typos would silently do nothing). */
export function unknownRuleKeys(rules: Readonly<Record<string, ConfiguredLevel>>, known: readonly RuleMeta[]): string[] {
  const ids = new Set(known.map((r) => r.id));
  const groups = new Set(known.map((r) => `${r.id.split('/')[0]}/*`));
  return Object.keys(rules).filter((k) => k !== '*' && !ids.has(k) && !groups.has(k)).sort();
}
