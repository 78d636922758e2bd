import type { Diagnostic, TaxonomyModel } from '@taxonomy/core';
import { governanceConfig, levelFor } from './config.js';
import { diffTaxonomies } from './diff/index.js';
import { ALL_RULES } from './rules/index.js';
import type { Facts, Finding, RawFinding, Rule } from './types.js';

/**
 * Rules `taxonomy check` runs beside the loader: those that need no base ref and no
 * generated output or app scan (privacy, doc-first, metric labels, routing, config,
 * lifecycle). `schema/*` is the loader itself; drift needs a generate; compat and impact compare.
 */
export const TREE_RULES: readonly Rule[] = ALL_RULES.filter((r) => !r.compares && !/^(schema|drift|compat)\//.test(r.id) && r.id !== 'doc/generated-docs');

/**
 * The whole-tree verdict of those rules, with the tree's own levels (`check` has no base):
 * the same ids, levels and messages `govern` gives on the same tree.
 */
export function checkTree(head: TaxonomyModel, inputs: { readonly today: string; readonly diagnostics?: readonly Diagnostic[]; readonly pluginErrors?: readonly RawFinding[]; readonly customRuleIds?: readonly string[] }, rules: readonly Rule[] = TREE_RULES): Finding[] {
  const facts: Facts = {
    today: inputs.today, diagnostics: inputs.diagnostics ?? [], changesets: [], changesetErrors: [], generatedPackages: [],
    diff: diffTaxonomies(undefined, head), config: governanceConfig(head),
    pluginErrors: inputs.pluginErrors, customRuleIds: inputs.customRuleIds,
  };
  const out: Finding[] = [];
  for (const rule of rules) {
    const level = levelFor(rule, head.rules);
    if (level === 'off') continue;
    for (const f of rule.check(undefined, head, facts)) out.push({ id: rule.id, level, message: f.message, ...(f.location ? { location: f.location } : {}), fix: f.fix, ...(f.edit ? { edit: f.edit } : {}) });
  }
  return out;
}
