import type { SourceLocation } from '@taxonomy/core';

/** How a change affects the generated packages: semver in words. */
export type ChangeLevel = 'breaking' | 'additive' | 'patch';
/** The bump a set of changes needs. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

export type ChangeKind =
  | 'event-added' | 'event-removed' | 'event-renamed'
  | 'event-deprecated' | 'event-status' | 'event-text' | 'event-metadata'
  | 'property-added' | 'required-property-added' | 'property-removed' | 'property-renamed'
  | 'type-changed' | 'optional-to-required' | 'required-to-optional'
  | 'enum-value-removed' | 'enum-value-added' | 'enum-reordered'
  | 'constraint-narrowed' | 'constraint-widened'
  | 'privacy-restricted' | 'privacy-changed' | 'property-text'
  | 'metric-added' | 'metric-removed' | 'metric-changed' | 'metric-text';

/** One classified change between the base and the head taxonomy. */
export interface Change {
  readonly kind: ChangeKind;
  readonly level: ChangeLevel;
  /** The event it belongs to (the head name; the base name for a removed event). */
  readonly event?: string;
  readonly metric?: string;
  /** Dotted property path inside the event: `metadata.user_info.email`, `tags[]`, `counts.*`, `$set_once.email`. */
  readonly property?: string;
  /** What changed, in plain words ("property 'source' became required"). */
  readonly message: string;
  /** Where to look in the head taxonomy (or in the base, for what no longer exists). */
  readonly location?: SourceLocation;
}

/** The changes of one event, with its version before and after. */
export interface EventChange {
  /** The head name (the base name when removed). */
  readonly name: string;
  readonly status: 'added' | 'removed' | 'renamed' | 'changed';
  /** For a rename: the base name. */
  readonly from?: string;
  readonly level: ChangeLevel;
  readonly baseVersion?: number;
  readonly headVersion?: number;
  readonly changes: readonly Change[];
}

export interface TaxonomyDiff {
  /** Every change, sorted by event/metric, then property path. */
  readonly changes: readonly Change[];
  /** Events with at least one change (added, removed, renamed or changed), sorted by name. */
  readonly events: readonly EventChange[];
  /** The bump the changes need: the largest of their levels. */
  readonly bump: Bump;
}

export const LEVEL_ORDER: Record<ChangeLevel, number> = { patch: 1, additive: 2, breaking: 3 };
export const BUMP_ORDER: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };
export const BUMP_OF: Record<ChangeLevel, Bump> = { patch: 'patch', additive: 'minor', breaking: 'major' };

export function maxLevel(levels: Iterable<ChangeLevel>): ChangeLevel | undefined {
  let best: ChangeLevel | undefined;
  for (const l of levels) if (!best || LEVEL_ORDER[l] > LEVEL_ORDER[best]) best = l;
  return best;
}
