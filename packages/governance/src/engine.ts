import type { Diagnostic, TaxonomyModel } from '@taxonomy/core';
import { classify, touchedSpans } from './baseline.js';
import { governanceConfig, levelFor } from './config.js';
import { diffTaxonomies } from './diff/index.js';
import type { TaxonomyDiff } from './diff/types.js';
import { ALL_RULES } from './rules/index.js';
import { impactOf, type EventImpact } from './rules/impact.js';
import type { Facts, Finding, Rule } from './types.js';

/** What the caller gathers; the engine adds the diff and the configuration. */
export type Inputs = Omit<Facts, 'diff' | 'config' | 'generatedPackages' | 'changesets' | 'changesetErrors' | 'diagnostics'> &
  Partial<Pick<Facts, 'generatedPackages' | 'changesets' | 'changesetErrors' | 'diagnostics'>> & {
    /** The loader's findings on the base taxonomy: with them, findings already at the base are told apart as debt. */
    readonly baseDiagnostics?: readonly Diagnostic[];
    /** Rules whose inputs the caller did not gather because the head has errors (drift): named in the same note. */
    readonly notRun?: readonly string[];
  };

export interface GovernOptions {
  /** Block on every finding, existing ones too (clean-up jobs). Default: only what the change introduces blocks. */
  readonly all?: boolean;
}

/** A finding with its verdict: introduced by the change, or already present at the base (debt). */
export interface ClassifiedFinding extends Finding {
  readonly introduced: boolean;
}

export interface GovernanceReport {
  /** Every finding; `introduced: false` ones were already at the base. */
  readonly findings: readonly ClassifiedFinding[];
  readonly diff: TaxonomyDiff;
  readonly impact: readonly EventImpact[];
  /** Counts by level of the findings that decide the verdict: the introduced ones (every finding with `all`). */
  readonly counts: { readonly error: number; readonly warn: number; readonly info: number };
  /** Counts by level of the existing findings that do not block (zero with `all`). */
  readonly debt: { readonly error: number; readonly warn: number; readonly info: number };
  /** Whether existing findings block too (--all). */
  readonly all: boolean;
  /** Why some rules did not run (a head with errors, a base that does not load). */
  readonly notes: readonly string[];
  /** The events the change adds or edits, with their expiry and whom to ask (for reviewers). */
  readonly lifecycle: readonly EventLifecycle[];
  /** npm packages the changesets must bump, and the bump they need. */
  readonly release: { readonly bump: TaxonomyDiff['bump']; readonly packages: readonly string[] };
}

export interface EventLifecycle {
  readonly event: string;
  readonly owner?: string;
  readonly contacts: readonly string[];
  readonly expires?: string;
  /** expired: past the date; expiring: within governance.expiring_days. */
  readonly state: 'expired' | 'expiring' | 'ok';
}

/** The lifecycle of the events a change adds or edits, in name order. */
function lifecycleOf(head: TaxonomyModel, diff: TaxonomyDiff, today: string, window: number): EventLifecycle[] {
  const touched = new Set(diff.events.filter((e) => e.status !== 'removed').map((e) => e.name));
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + window * 86_400_000).toISOString().slice(0, 10);
  return head.events.filter((e) => touched.has(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1)).map((e) => ({
    event: e.name, ...(e.owner ? { owner: e.owner } : {}), contacts: e.contacts, ...(e.expires ? { expires: e.expires } : {}),
    state: !e.expires ? 'ok' : e.expires < today ? 'expired' : e.expires <= limit ? 'expiring' : 'ok',
  }));
}

const rank = { error: 0, warn: 1, info: 2 } as const;

export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.location?.file ?? '', fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const d = (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0) || rank[a.level] - rank[b.level];
  if (d) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

type Levels = Readonly<Record<string, 'off' | 'warn' | 'error'>>;

/** Runs the rules that apply; stamps each finding with its rule id and configured level. */
function runRules(rules: readonly Rule[], base: TaxonomyModel | undefined, head: TaxonomyModel, facts: Facts, levels: Levels, compare: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const level = levelFor(rule, levels);
    if (level === 'off' || (rule.compares && !compare)) continue;
    for (const f of rule.check(base, head, facts)) findings.push({ id: rule.id, level, message: f.message, ...(f.location ? { location: f.location } : {}), fix: f.fix, ...(f.edit ? { edit: f.edit } : {}) });
  }
  return findings;
}

const unparsable = (d: Diagnostic) => d.severity === 'error' && d.code === 'yaml/syntax';
const syntaxFiles = (ds: readonly Diagnostic[]) => new Set(ds.filter(unparsable).map((d) => d.location?.file)).size;

/**
 * One slip, one report: while a file does not parse, its events and properties are missing
 * from the model, so every reference to them elsewhere is an error that only repeats the
 * syntax error. Those are held back (the syntax error still blocks) until the file parses.
 */
function withoutCascade(ds: readonly Diagnostic[]): { shown: readonly Diagnostic[]; heldBack: number } {
  if (!ds.some(unparsable)) return { shown: ds, heldBack: 0 };
  const shown = ds.filter((d) => !(d.severity === 'error' && d.code.startsWith('ref/unknown-')));
  return { shown, heldBack: ds.length - shown.length };
}

/** Rule ids on one line, grouped by family: "compat/ (changeset, version-bump), doc/shape-change". */
export function ruleList(rules: readonly Pick<Rule, 'id'>[]): string {
  const groups = new Map<string, string[]>();
  for (const r of rules) {
    const [family, name] = r.id.includes('/') ? [r.id.slice(0, r.id.indexOf('/') + 1), r.id.slice(r.id.indexOf('/') + 1)] : ['', r.id];
    groups.set(family, [...(groups.get(family) ?? []), name]);
  }
  return [...groups].map(([f, names]) => (names.length === 1 ? f + names[0] : `${f} (${names.join(', ')})`)).join(', ') || 'none';
}

const EMPTY_DIFF: TaxonomyDiff = { changes: [], events: [], bump: 'none' };

/**
 * Runs every rule over the base and head models. Pure: the clock, git, the disk and the
 * app scan arrive as facts. Rule levels and governance settings come from the base's
 * taxonomy.yaml (a change cannot relax the rules that judge it; governance/policy-changed
 * reports the edit), or from the head's when there is no base.
 */
export function govern(loadedBase: TaxonomyModel | undefined, head: TaxonomyModel, inputs: Inputs, rules: readonly Rule[] = ALL_RULES, opts: GovernOptions = {}): GovernanceReport {
  // A base with errors is missing files: nothing is compared with it (governance/base-invalid
  // blocks instead), but its rule levels still judge the change when they could be read.
  const base = inputs.baseErrors?.length ? undefined : loadedBase;
  const policy = loadedBase ?? head;
  // With errors in the head, files are missing from the model: its events would look removed,
  // so nothing is classified until the taxonomy loads cleanly.
  const broken = (inputs.diagnostics ?? []).some((d) => d.severity === 'error');
  const diff = broken ? diffTaxonomies(undefined, head) : diffTaxonomies(base, head);
  const { baseDiagnostics, notRun: _notRun, ...rest } = inputs;
  const { shown, heldBack } = withoutCascade(inputs.diagnostics ?? []);
  const facts: Facts = {
    changesets: [], changesetErrors: [],
    ...rest,
    diagnostics: shown,
    generatedPackages: inputs.generatedPackages ?? [...new Set(Object.values(head.packages))].sort(),
    diff,
    config: governanceConfig(policy),
  };
  const notes: string[] = [];
  const comparing = rules.filter((r) => (r.compares || (broken && inputs.notRun?.includes(r.id))) && levelFor(r, policy.rules) !== 'off');
  if (broken) notes.push(`the taxonomy has errors (schema/error), so its changes were not classified and these rules could not run: ${ruleList(comparing)}; fix the errors first`);
  if (heldBack) notes.push(`${heldBack} reference error${heldBack === 1 ? '' : 's'} (ref/unknown-*) not shown: they may only follow from the file${syntaxFiles(shown) === 1 ? '' : 's'} that do${syntaxFiles(shown) === 1 ? 'es' : ''} not parse; fix the YAML first`);
  else if (!base && !inputs.baseErrors?.length) notes.push(`there is no base taxonomy to compare with, so these rules could not run: ${ruleList(comparing)}`);
  const found = runRules(rules, base, head, facts, policy.rules, !broken && !!base);
  // The same rules on the base alone: what they find there is debt, unless the change touches it.
  const baseFindings = base && baseDiagnostics
    ? runRules(rules, undefined, base, { ...facts, diagnostics: baseDiagnostics, diff: EMPTY_DIFF, changesets: [], changesetErrors: [], drift: undefined, generatorErrors: undefined, app: undefined, baseErrors: undefined, pluginErrors: undefined }, policy.rules, false)
    : undefined;
  const all = !!opts.all;
  const findings = classify(found, baseFindings, touchedSpans(head, diff)).sort(compareFindings);
  const counts = { error: 0, warn: 0, info: 0 };
  const debt = { error: 0, warn: 0, info: 0 };
  for (const f of findings) (all || f.introduced ? counts : debt)[f.level]++;
  return { findings, diff, impact: impactOf(diff, base, head), counts, debt, all, notes, lifecycle: lifecycleOf(head, diff, inputs.today, facts.config.expiringDays), release: { bump: diff.bump, packages: facts.generatedPackages } };
}
