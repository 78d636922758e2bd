/**
 * Identifiers derived from taxonomy names. Every name that becomes code goes
 * through here: split into words, joined in camel/Pascal case, checked against
 * the identifier grammar and reserved words, and claimed in a namespace that
 * reports collisions instead of silently overwriting.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Reserved words and names that must never be bindings. */
export const RESERVED_WORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval undefined NaN Infinity async of').split(' '),
);

/** Names an object key must not take: they would alter the object (prototype, thenable, coercion). */
export const UNSAFE_KEYS = new Set([
  '__proto__', 'constructor', 'prototype', 'then', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty',
  'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** Whether a name can be written bare as a property name (reserved words can; `obj.delete` is fine). */
export function isPropertyIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s) && !RESERVED_WORDS.has(s);
}

/** Words of a name: split on anything not a letter or digit, and on camel humps. */
export function words(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

export function camel(name: string): string {
  const ws = words(name);
  const s = ws.map((w, i) => (i === 0 ? w : cap(w))).join('');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

export function pascal(name: string): string {
  const s = words(name).map(cap).join('');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** A naming decision that differs from the plain derivation, for the report. */
export interface NamingNote {
  readonly scope: string;
  readonly source: string;
  readonly wanted: string;
  readonly chosen: string;
  readonly reason: string;
}

/**
 * One namespace (a domain's methods, the package's type names…). claim() returns
 * the derived name when it is free and valid, else a deterministic variant, and
 * records why; callers claim in sorted order so the result never depends on
 * input order.
 */
export class Namespace {
  private readonly taken = new Map<string, string>();
  readonly notes: NamingNote[] = [];

  constructor(readonly scope: string, reserved: Iterable<string> = [], private readonly suffix = 'Event') {
    for (const r of reserved) this.taken.set(r.toLowerCase(), `(reserved)`);
  }

  /**
   * `wanted` when free and valid; else `alternative` (a more specific name, like the
   * domain-prefixed one) when given and free; else a numbered variant. Reserved names
   * get the namespace's suffix first (`then` → `thenEvent`).
   */
  claim(source: string, wanted: string, fallback: string, alternative?: string): string {
    let base = wanted;
    let reason = '';
    if (!base) { base = fallback; reason = `'${source}' has no letters or digits to name it by`; }
    const reserved = this.taken.get(base.toLowerCase()) === '(reserved)';
    if (!isIdentifier(base) || UNSAFE_KEYS.has(base) || reserved) {
      const next = isIdentifier(`${base}${this.suffix}`) ? `${base}${this.suffix}` : fallback;
      reason = `'${base}' is a reserved or unsafe name here`;
      base = next;
    }
    let chosen = base;
    const owner = this.taken.get(base.toLowerCase());
    if (owner !== undefined) {
      reason = owner === '(reserved)' ? `'${base}' is reserved here` : `'${owner}' already maps to '${base}'`;
      if (alternative && isIdentifier(alternative) && !this.taken.has(alternative.toLowerCase())) chosen = alternative;
      // Case-insensitive, so two names never differ only by case (file names on macOS and Windows).
      for (let i = 2; this.taken.has(chosen.toLowerCase()); i++) chosen = `${base}${i}`;
    }
    this.taken.set(chosen.toLowerCase(), source);
    if (chosen !== wanted) this.notes.push({ scope: this.scope, source, wanted, chosen, reason });
    return chosen;
  }
}
