/**
 * @taxonomy/governance: the rules behind `taxonomy govern`. Rules are small pure
 * functions over (base, head, facts); the change classifier, changeset reading, the
 * PII heuristic and the app-code scan live here too.
 */
export * from './types.js';
export { govern, compareFindings, ruleList, type ClassifiedFinding, type EventLifecycle, type GovernanceReport, type GovernOptions, type Inputs } from './engine.js';
export { classify, subjectKey, touchedSpans } from './baseline.js';
export { policyEdits } from './rules/policy.js';
export { diffTaxonomies, levelOf, shapeKey, pairRenames } from './diff/index.js';
export type { Bump, Change, ChangeKind, ChangeLevel, EventChange, TaxonomyDiff } from './diff/types.js';
export { ALL_RULES } from './rules/index.js';
export { checkTree, TREE_RULES } from './tree.js';
export { impactOf, type EventImpact } from './rules/impact.js';
export { governanceConfig, levelFor, unknownRuleKeys, DEFAULTS } from './config.js';
export { parseChangeset, bumpsByPackage, bumpCovers, changesetTemplate, isChangesetFile, type Changeset, type ReleaseBump } from './changesets.js';
export { suspect, words, KIND_PHRASE, type Suspicion } from './pii.js';
export { scanApp, type ScanOptions } from './app/scan.js';
export { trackerPath } from './app/names.js';
export type { AppCall, AppScan } from './app/scan-types.js';
export { formatHuman, formatJson, formatGithub, countsLine, blocks } from './format.js';
export { formatSummary, SUMMARY_MARKER } from './summary.js';
export { renderRulesPage } from './docs.js';
export { readGitTaxonomy, readGitChangesets, gitSource, resolveBase, GitError, type BaseRef } from './git.js';
export { applyEdits, type FixEdit } from './fix.js';
export { runPlugins, DEFAULT_PLUGIN_TIMEOUT_MS, type PluginFacts, type PluginJob, type PluginRun, type PluginSource } from './plugins/run.js';
export { pluginGlob } from './plugins/glob.js';
