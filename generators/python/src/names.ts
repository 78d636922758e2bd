/**
 * Python identifiers derived from taxonomy names: snake_case words, keywords and
 * reserved names suffixed with `_`, and a namespace that makes every claimed name
 * unique (names that differ only in case, or that map to the same words, get `_2`…).
 * Wire names never change: only the Python binding does.
 */

export const PY_KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if import in is ' +
    'lambda nonlocal not or pass raise return try while with yield').split(' '),
);

export function words(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

export function snake(name: string): string {
  const s = words(name).join('_');
  return s === '' ? 'x' : /^[0-9]/.test(s) ? `n${s}` : s;
}

export function pascal(name: string): string {
  const s = words(name).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return s === '' ? 'X' : /^[0-9]/.test(s) ? `N${s}` : s;
}

/** Whether s is a plain ASCII Python identifier that is not a keyword. */
export function isPyIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) && !PY_KEYWORDS.has(s);
}

/** A property name as a keyword argument: kept when it is a usable identifier, else made one. */
export function argName(property: string): string {
  let s = property.startsWith('$') ? `dollar_${property.slice(1)}` : property;
  s = s.replace(/[^A-Za-z0-9_]/g, '_');
  if (/^[0-9]/.test(s)) s = `n${s}`;
  // Leading underscores are the generated code's own names (locals, modules): never a parameter's.
  if (s.startsWith('_')) s = `p${s}`;
  return pySafe(s === 'self' ? 'self_' : s);
}

/** A keyword takes a trailing underscore (PEP 8), so `class` becomes `class_`. */
export function pySafe(s: string): string {
  return PY_KEYWORDS.has(s) ? `${s}_` : s;
}

/** Claims unique names in one scope; a taken or reserved name gets `_2`, `_3`… */
export class Namespace {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.taken.add(r);
  }

  /** Whether a name is already claimed (or reserved). */
  has(name: string): boolean {
    return this.taken.has(name);
  }

  claim(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.taken.has(name) || PY_KEYWORDS.has(name); i++) name = `${wanted}_${i}`;
    this.taken.add(name);
    return name;
  }
}
