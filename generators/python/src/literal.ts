/**
 * Python string literals and docstrings from taxonomy text. Nothing from the taxonomy
 * reaches Python source except through these: backslashes and quotes are escaped, and so
 * is every character Python or an editor could take as a line break or a control code
 * (U+2028, U+2029, U+0085, C0/C1 controls) and lone surrogates.
 */

function escapeChar(c: string, keepNewline: boolean): string {
  const code = c.codePointAt(0)!;
  if (c === '\\') return '\\\\';
  if (c === '"') return '\\"';
  if (c === '\n') return keepNewline ? '\n' : '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return keepNewline ? '\t' : '\\t';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff) || code === 0xfeff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return c;
}

function escape(s: string, keepNewline: boolean): string {
  let out = '';
  // Iterate UTF-16 units so that lone surrogates are seen (and escaped) one by one.
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { out += s.slice(i, i + 2); i++; continue; }
    }
    out += escapeChar(s.charAt(i), keepNewline);
  }
  return out;
}

/** A double-quoted Python string literal. */
export function pyStr(s: string): string {
  return `"${escape(s, false)}"`;
}

/** A docstring: paragraphs at this indentation, every quote escaped so `"""` in the text cannot close it. */
export function docstring(paragraphs: readonly string[], indent: string): string {
  const text = paragraphs.filter((p) => p.trim() !== '').map((p) => escape(p.trim(), true).replace(/\n/g, `\n${indent}`)).join(`\n\n${indent}`);
  return `${indent}"""${text || 'Generated.'}\n${indent}"""\n`;
}
