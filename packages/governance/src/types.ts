import type { Diagnostic, SourceLocation, TaxonomyModel } from '@taxonomy/core';
import type { AppScan } from './app/scan-types.js';
import type { Changeset } from './changesets.js';
import type { TaxonomyDiff } from './diff/types.js';

/** How much a finding matters. `info` never fails a build; it feeds the PR summary (impact). */
export type Level = 'error' | 'warn' | 'info';
/** What taxonomy.yaml `rules:` may set a rule to. */
export type ConfiguredLevel = 'off' | 'warn' | 'error';

/** One governance finding: a rule id, its level, where, what, and what to do. */
export interface Finding {
  readonly id: string;
  readonly level: Level;
  readonly message: string;
  readonly location?: SourceLocation;
  /** What to do about it, in words a product manager understands. */
  readonly fix: string;
  /** The fix as an edit a tool can apply, when it is one (the fix's words say the same). */
  readonly edit?: FixEdit;
}

/**
 * A fix that is a YAML edit: on the mapping whose key is at `file:line` (an event or a
 * property, the finding's location), set keys and append to lists. Applied literally
 * (placeholders such as <what changed> included), it must yield no new error.
 */
export interface FixEdit {
  readonly file: string;
  readonly line: number;
  readonly set?: Readonly<Record<string, unknown>>;
  readonly append?: Readonly<Record<string, readonly unknown[]>>;
}

/** What a rule function returns: the engine stamps the rule id and the configured level. */
export type RawFinding = Omit<Finding, 'id' | 'level'>;

/** One generated file that differs from a fresh `taxonomy generate`. */
export interface DriftedFile {
  /** Path relative to the repository root. */
  readonly file: string;
  readonly generator: string;
  readonly status: 'missing' | 'differs' | 'stale';
}

/** Settings from taxonomy.yaml `governance:`, with every default applied. */
export interface GovernanceConfig {
  readonly deprecationDays: number;
  readonly maxLabelValues: number;
  readonly waiverWarningDays: number;
  readonly expiringDays: number;
}

/**
 * Everything a rule may know besides the two models. Gathered once (git, disk, clock)
 * by the caller; rules never read the clock, the disk or the environment themselves.
 */
export interface Facts {
  /** Today's date, YYYY-MM-DD (UTC). Waivers and deprecation periods are measured against it. */
  readonly today: string;
  /** The loader's findings on the head taxonomy (what `taxonomy check` prints). */
  readonly diagnostics: readonly Diagnostic[];
  /** The classified changes from base to head (computed by the engine). */
  readonly diff: TaxonomyDiff;
  /** Changesets added or changed by this change (.changeset/*.md). */
  readonly changesets: readonly Changeset[];
  /** Changeset files that could not be read, with the reason. */
  readonly changesetErrors: readonly RawFinding[];
  /** npm names of the generated packages a changeset must bump; default: the taxonomy's `packages:`. */
  readonly generatedPackages: readonly string[];
  /** Generated files that differ from a fresh generate; undefined when drift was not computed. */
  readonly drift?: readonly DriftedFile[];
  /** Generators that failed while computing drift (name → message). */
  readonly generatorErrors?: readonly { readonly generator: string; readonly message: string }[];
  /** Tracker calls found in the app sources; undefined when no app sources are configured. */
  readonly app?: AppScan;
  /** The loader's errors on the base taxonomy when it does not load (governance/base-invalid). */
  readonly baseErrors?: readonly Diagnostic[];
  /** Custom rules (governance.plugins) that could not be loaded or run, and why (governance/plugin-error). */
  readonly pluginErrors?: readonly RawFinding[];
  /** Ids of the custom rules that ran: valid keys under taxonomy.yaml `rules:`. */
  readonly customRuleIds?: readonly string[];
  readonly config: GovernanceConfig;
}

/** The metadata of a rule: what the rules page (docs/rules.md) prints. */
export interface RuleMeta {
  /** Stable id: `<group>/<name>`; the key under taxonomy.yaml `rules:`. */
  readonly id: string;
  readonly defaultLevel: Level;
  /** One line: what it checks. */
  readonly summary: string;
  /** Why it exists and what exactly it looks at (Markdown). */
  readonly details: string;
  /** Whether it compares base and head (true) or looks at the head alone. */
  readonly compares: boolean;
  /** A short example of a change it reports, and of the compliant version. */
  readonly example?: { readonly bad: string; readonly good: string };
}

/** A rule: metadata plus a small pure function over (base, head, facts). */
export interface Rule extends RuleMeta {
  readonly check: (base: TaxonomyModel | undefined, head: TaxonomyModel, facts: Facts) => readonly RawFinding[];
}
