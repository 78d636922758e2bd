import { levenshtein } from './levenshtein.js';
/** Where a finding points: a file and a 1-based line and column. */
export interface SourceLocation {
  /** Path relative to the working directory, with forward slashes. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

/** One finding of the loader or resolver. */
export interface Diagnostic {
  /** Stable id, e.g. `schema/unknown-key` or `ref/unknown-property`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  readonly location?: SourceLocation;
}

export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return '';
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** `file:line:col severity message (code)` plus an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${formatLocation(d.location)} ` : '';
  const head = `${where}${d.severity} ${d.message} [${d.code}]`;
  return d.hint ? `${head}\n  → ${d.hint}` : head;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.location?.file ?? '';
  const fb = b.location?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.location?.line ?? 0;
  const lb = b.location?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.location?.column ?? 0;
  const cb = b.location?.column ?? 0;
  if (ca !== cb) return ca - cb;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/**
 * The closest candidate, if it is close enough to be a plausible typo.
 * Case and separators are ignored first, so `sessionid` finds `sessionId`.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_.\-$]/g, '');
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = norm(c) === norm(input) ? 0 : levenshtein(input, c);
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(input.length / 3));
  return bestScore <= limit ? best : undefined;
}

export function suggestion(input: string, candidates: Iterable<string>): string {
  const s = didYouMean(input, candidates);
  return s ? ` (did you mean '${s}'?)` : '';
}
