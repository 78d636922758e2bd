import type { TaxonomyModel } from '@taxonomy/core';
import { governanceConfig, levelFor } from './config.js';
import { diffTaxonomies } from './diff/index.js';
import type { TaxonomyDiff } from './diff/types.js';
import { ALL_RULES } from './rules/index.js';
import { impactOf, type EventImpact } from './rules/impact.js';
import type { Facts, Finding, Rule } from './types.js';

/** What the caller gathers; the engine adds the diff and the configuration. */
export type Inputs = Omit<Facts, 'diff' | 'config' | 'generatedPackages' | 'changesets' | 'changesetErrors' | 'diagnostics'> &
  Partial<Pick<Facts, 'generatedPackages' | 'changesets' | 'changesetErrors' | 'diagnostics'>>;

export interface GovernanceReport {
  readonly findings: readonly Finding[];
  readonly diff: TaxonomyDiff;
  readonly impact: readonly EventImpact[];
  /** Counts by level. */
  readonly counts: { readonly error: number; readonly warn: number; readonly info: number };
  /** Why some rules did not run (a head with errors, a base that does not load). */
  readonly notes: readonly string[];
  /** npm packages the changesets must bump, and the bump they need. */
  readonly release: { readonly bump: TaxonomyDiff['bump']; readonly packages: readonly string[] };
}

const rank = { error: 0, warn: 1, info: 2 } as const;

export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.location?.file ?? '', fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const d = (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0) || rank[a.level] - rank[b.level];
  if (d) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * Runs every rule over the base and head models. Pure: the clock, git, the disk and the
 * app scan arrive as facts. Rule levels come from the head's taxonomy.yaml `rules:`.
 */
export function govern(base: TaxonomyModel | undefined, head: TaxonomyModel, inputs: Inputs, rules: readonly Rule[] = ALL_RULES): GovernanceReport {
  // With errors in the head, files are missing from the model: its events would look removed,
  // so nothing is classified until the taxonomy loads cleanly.
  const broken = (inputs.diagnostics ?? []).some((d) => d.severity === 'error');
  const diff = broken ? diffTaxonomies(undefined, head) : diffTaxonomies(base, head);
  const facts: Facts = {
    diagnostics: [], changesets: [], changesetErrors: [],
    ...inputs,
    generatedPackages: inputs.generatedPackages ?? [...new Set(Object.values(head.packages))].sort(),
    diff,
    config: governanceConfig(head),
  };
  const findings: Finding[] = [];
  const notes: string[] = [];
  if (broken) notes.push('the taxonomy has errors (schema/error), so its changes were not classified and the rules that compare it with the base did not run; fix the errors first');
  else if (!base) notes.push('there is no base taxonomy to compare with, so the rules that compare did not run');
  for (const rule of rules) {
    const level = levelFor(rule, head.rules);
    if (level === 'off' || (rule.compares && (broken || !base))) continue;
    for (const f of rule.check(base, head, facts)) findings.push({ id: rule.id, level, message: f.message, ...(f.location ? { location: f.location } : {}), fix: f.fix });
  }
  findings.sort(compareFindings);
  const counts = { error: 0, warn: 0, info: 0 };
  for (const f of findings) counts[f.level]++;
  return { findings, diff, impact: impactOf(diff, base, head), counts, notes, release: { bump: diff.bump, packages: facts.generatedPackages } };
}
