// Go identifiers, string literals and comments: every generated name and text goes through these.

export function words(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/** An exported Go identifier: Pascal words (Id → ID as Go style would be lossy for collisions, so kept). */
export function goName(name: string, fallback = 'X'): string {
  const s = words(name).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return s === '' ? fallback : /^[0-9]/.test(s) ? `N${s}` : s;
}

/** Claims unique names in one scope (names that differ only in case get 2, 3…). */
export class GoNamespace {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) { for (const r of reserved) this.taken.add(r); }
  /** Whether a name is already claimed (or reserved). */
  has(name: string): boolean { return this.taken.has(name); }
  claim(wanted: string): string {
    let n = wanted;
    for (let i = 2; this.taken.has(n); i++) n = `${wanted}${i}`;
    this.taken.add(n);
    return n;
  }
}

/** A Go interpreted string literal (JSON's escapes are Go's, lone surrogates become U+FFFD). */
export function goStr(s: string): string {
  return JSON.stringify(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** `//` comment lines; no text can end them early (only a newline does, and each line is prefixed). */
export function goComment(text: string, indent = ''): string {
  const clean = text.replace(/[\u2028\u2029\u0085\r]/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
  return clean.split('\n').map((l) => `${indent}// ${l}`.trimEnd()).join('\n') + '\n';
}
