/**
 * The template-literal key type of a `patternProperties` pattern, when the pattern pins a
 * literal prefix: `^x-[a-z]+$` → `` `x-${string}` ``. Anything it cannot read safely (no `^`,
 * an alternation, a lookaround, a prefix made optional by a quantifier) gives undefined: the
 * key is then typed as any string and only the validators check the pattern.
 */
/** Regular-expression syntax characters: anything else stands for itself. */
const SYNTAX = /[\\^$.|?*+()[\]{}]/;
/** Escapes that stand for the character itself (`\.`, `\$`; not `\d` or `\n`). */
const ESCAPABLE_LITERAL = /[\\^$.|?*+()[\]{}/\-]/;

export function templateKey(pattern: string): string | undefined {
  if (!pattern.startsWith('^') || pattern.includes('|') || pattern.includes('(?')) return undefined;
  let prefix = '';
  let i = 1;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let lit: string | undefined;
    let width = 1;
    if (c === '\\' && i + 1 < pattern.length && ESCAPABLE_LITERAL.test(pattern[i + 1]!)) { lit = pattern[i + 1]!; width = 2; }
    else if (!SYNTAX.test(c)) lit = c;
    if (lit === undefined) break;
    // A quantifier after it makes it optional or repeated: the prefix ends before it.
    const next = pattern[i + width];
    if (next === '?' || next === '*' || next === '{' || next === '+') break;
    prefix += lit;
    i += width;
  }
  if (!prefix) return undefined;
  return `\`${templateText(prefix)}\${string}\``;
}

/** Text inside a template literal type: backslash, backtick and `${` escaped, controls and non-ASCII as \u escapes. */
function templateText(s: string): string {
  return s.replace(/[\\`$]/g, (c) => `\\${c}`)
    .replace(/[^\u0020-\u007e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
