import type { SourceLocation } from '@taxonomy/core';

/** One analytics call found in application code. */
export interface AppCall {
  /** typed: tracker.<domain>.<event>(...); raw: track('event name', ...). */
  readonly kind: 'typed' | 'raw';
  /** typed: the domain key and method as written (workbench, draftCreated). */
  readonly domainKey?: string;
  readonly method?: string;
  /** raw: the event name string. */
  readonly eventName?: string;
  /** The callee as written (tracker.workbench.draftCreated, analytics.track). */
  readonly callee: string;
  readonly location: SourceLocation;
  /** Keys of the properties object when it is written as an object literal (typed: 1st argument, raw: 2nd). */
  readonly properties?: readonly { readonly name: string; readonly location: SourceLocation }[];
}

/** What the scan of the configured app sources found. */
export interface AppScan {
  /** How many files matched the globs (0 means the globs match nothing: itself a finding). */
  readonly files: number;
  readonly calls: readonly AppCall[];
  /** The globs, for messages. */
  readonly include: readonly string[];
  /** Domains whose events the scanned code is expected to emit (undefined: all). */
  readonly domains?: readonly string[];
}
