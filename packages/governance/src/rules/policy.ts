import type { TaxonomyModel } from '@taxonomy/core';
import { DEFAULTS } from '../config.js';
import type { Rule } from '../types.js';

const rootFile = (m: TaxonomyModel) => m.files.find((f) => /(^|\/)taxonomy\.ya?ml$/.test(f)) ?? 'taxonomy/taxonomy.yaml';
const show = (v: unknown) => (v === undefined ? '(default)' : JSON.stringify(v));

/** Every `rules:` key and governance setting whose value differs between base and head, as `key: old → new`. */
export function policyEdits(base: TaxonomyModel, head: TaxonomyModel): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(base.rules), ...Object.keys(head.rules)])].sort();
  for (const k of keys) if (base.rules[k] !== head.rules[k]) out.push(`rules.${k}: ${show(base.rules[k])} → ${show(head.rules[k])}`);
  const settings = ['deprecationDays', 'maxLabelValues', 'waiverWarningDays', 'expiringDays', 'app', 'plugins', 'pluginTimeoutMs'] as const;
  for (const k of settings) {
    const a = (base.governance as Record<string, unknown> | undefined)?.[k];
    const b = (head.governance as Record<string, unknown> | undefined)?.[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`governance.${k}: ${show(a)} → ${show(b)}`);
  }
  return out;
}

export const governancePolicyChanged: Rule = {
  id: 'governance/policy-changed',
  defaultLevel: 'error',
  compares: true,
  summary: 'A change to rule levels or governance settings is reviewed on its own; it takes effect once merged.',
  details: `Rule levels (\`rules:\`), and \`governance:\` settings are read from the base, so a pull request cannot switch off the rules that judge it (\`privacy/*: off\` beside a new \`email\` property would otherwise pass). The finding lists every old → new value; the change applies to the pull requests after it is merged. Defaults: deprecation_days ${DEFAULTS.deprecationDays}, max_label_values ${DEFAULTS.maxLabelValues}, waiver_warning_days ${DEFAULTS.waiverWarningDays}.`,
  example: { bad: 'rules:\n  privacy/*: off   # in the same pull request as a new email property', good: '# one pull request that changes only rules:, reviewed by the owners of the policy' },
  check: (base, head) => {
    if (!base) return [];
    const edits = policyEdits(base, head);
    if (!edits.length) return [];
    return [{
      message: `this change edits the governance policy (${edits.join('; ')}); it is judged with the base's policy and takes effect once merged`,
      location: { file: rootFile(head), line: 1, column: 1 },
      fix: 'keep the policy edit in a pull request of its own, reviewed by the policy owners (CODEOWNERS on taxonomy/taxonomy.yaml), or revert it here',
    }];
  },
};

