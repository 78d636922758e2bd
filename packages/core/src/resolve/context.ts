import type { Diagnostic, SourceLocation } from '../diagnostics.js';
import type { Shape, SharedProperty } from '../model.js';
import { locate, type PathSegment, type SourceFile } from '../source.js';
import type { RawProperty } from '../raw-types.js';

/** A shared property before resolution: its raw definition and where it lives. */
export interface SharedEntry {
  readonly name: string;
  readonly raw: RawProperty;
  readonly file: SourceFile;
  readonly path: readonly PathSegment[];
  readonly domain?: string;
  /** Filled lazily; refs to refs are resolved on first use. */
  resolved?: SharedProperty;
  resolving?: boolean;
}

/** What the resolver knows while it walks one file. */
export interface ResolveContext {
  readonly diagnostics: Diagnostic[];
  readonly globalShared: ReadonlyMap<string, SharedEntry>;
  readonly privacyClasses: ReadonlySet<string>;
}

/** A cursor into one file: where we are, so every finding has a location. */
export class Cursor {
  constructor(
    readonly ctx: ResolveContext,
    readonly file: SourceFile,
    readonly path: readonly PathSegment[],
    /** Shared properties of the current domain (looked up before the global ones). */
    readonly domainShared: ReadonlyMap<string, SharedEntry> = new Map(),
  ) {}

  at(...segments: PathSegment[]): Cursor {
    return new Cursor(this.ctx, this.file, [...this.path, ...segments], this.domainShared);
  }

  location(opts?: { key?: boolean }): SourceLocation {
    return locate(this.file, this.path, opts);
  }

  error(code: string, message: string, hint: string, opts?: { key?: boolean }): void {
    this.ctx.diagnostics.push({ code, severity: 'error', message, hint, location: this.location(opts) });
  }

  warn(code: string, message: string, hint: string, opts?: { key?: boolean }): void {
    this.ctx.diagnostics.push({ code, severity: 'warning', message, hint, location: this.location(opts) });
  }
}

/** `x-` keys of a raw object, kept as annotations. */
export function extensionsOf(raw: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (k.startsWith('x-')) out[k] = v;
  return out;
}

export type { Shape };
