import { didYouMean } from '@taxonomy/core';
import { unknownRuleKeys } from '../config.js';
import type { Rule } from '../types.js';
import { compatChangeset, compatChangesetInvalid, compatEventRemoved, compatEventRenamed, compatVersionBump } from './compat.js';
import { docCategory, docDescription, docGenerated, docOwner, docPropertyDescription, docShapeChange, docTrigger } from './doc.js';
import { driftAppSources, driftDeprecatedEvent, driftGenerated, driftNeverEmitted, driftRawTrack, driftUnknownEvent } from './drift.js';
import { impactAffected } from './impact.js';
import { metricsLabelValues } from './metrics.js';
import { governancePolicyChanged } from './policy.js';
import { governanceBaseInvalid } from './base.js';
import { governancePluginError } from './plugin.js';
import { lifecycleDataReview, lifecycleExpired, lifecycleExpiring } from './lifecycle.js';
import { driftDeprecatedProperty, lifecycleDeprecatedRequired, lifecycleEnumValueRemoved, lifecycleExperimentalInCritical, lifecyclePropertyRemoved, lifecycleStabilityLowered } from './property-lifecycle.js';
import { routingNoDestination } from './routing.js';
import { compatRequiredToOptional, privacyFreeText } from './precision.js';
import { privacyContentGating, privacyDestination, privacyLooksLikePii, privacyNoPii, privacyUnclassified, privacyWaiverExpired, privacyWaiverExpiring } from './privacy.js';
import { schemaError, schemaWarning } from './schema.js';
import { compatFrozenVersion, compatSchemaverAddition, compatVersionRetired } from './versions.js';

const RULES_WITHOUT_CONFIG: readonly Rule[] = [
  schemaError, schemaWarning,
  docDescription, docTrigger, docOwner, docCategory, docPropertyDescription, docShapeChange, docGenerated,
  privacyUnclassified, privacyNoPii, privacyWaiverExpired, privacyWaiverExpiring, privacyLooksLikePii, privacyDestination, privacyContentGating, privacyFreeText,
  compatVersionBump, compatChangeset, compatChangesetInvalid, compatEventRemoved, compatEventRenamed, compatRequiredToOptional, compatFrozenVersion, compatVersionRetired, compatSchemaverAddition,
  driftGenerated, driftUnknownEvent, driftRawTrack, driftDeprecatedEvent, driftDeprecatedProperty, driftNeverEmitted, driftAppSources,
  metricsLabelValues,
  routingNoDestination,
  lifecycleExpired, lifecycleExpiring, lifecycleDataReview,
  lifecyclePropertyRemoved, lifecycleEnumValueRemoved, lifecycleStabilityLowered, lifecycleExperimentalInCritical, lifecycleDeprecatedRequired,
  impactAffected,
  governancePolicyChanged, governanceBaseInvalid, governancePluginError,
];

export const configUnknownRule: Rule = {
  id: 'config/unknown-rule',
  defaultLevel: 'error',
  compares: false,
  summary: 'Every key under taxonomy.yaml `rules:` names a rule, a group (`privacy/*`) or `*`.',
  details: 'A misspelt rule id would silently leave the rule at its default level.',
  example: { bad: 'rules:\n  privacy/no-pi: warn', good: 'rules:\n  privacy/no-pii: warn' },
  check: (_base, head, facts) => unknownRuleKeys(head.rules, [...ALL_RULES, ...(facts.customRuleIds ?? []).map((id) => ({ id, defaultLevel: 'error' as const, summary: '', details: '', compares: false }))]).map((k) => {
    const m = didYouMean(k, ALL_RULES.map((r) => r.id));
    return {
      message: `rules: '${k}' is not a governance rule`,
      location: { file: head.files.find((f) => /(^|\/)taxonomy\.ya?ml$/.test(f)) ?? 'taxonomy/taxonomy.yaml', line: 1, column: 1 },
      fix: m ? `did you mean '${m}'?` : 'see docs/rules.md for the rule ids',
    };
  }),
};

/** Every rule, in the order of the rules page. */
export const ALL_RULES: readonly Rule[] = [...RULES_WITHOUT_CONFIG, configUnknownRule];
