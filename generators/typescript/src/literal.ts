import { isPropertyIdentifier } from './names.js';

/**
 * Taxonomy text reaches code only through these functions: string literals with every
 * character that could end the literal, the line or the file escaped, and names bare
 * only when they are identifiers (checked in names.ts).
 *
 * The escaping is TypeScript's printer's, character for character (double quotes; quotes,
 * backslashes, control characters, U+2028/U+2029/U+0085 and every non-ASCII code unit
 * escaped): the generator printed through it before and its output must not change.
 * A test compares the two on hostile strings.
 */
const ESCAPED = /[\\"\u0000-\u001f\u2028\u2029\u0085]/g;
const NON_ASCII = /[^\u0000-\u007f]/g;
/** Printable ASCII without `"` and `\`: nothing to escape (nearly every name). */
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;
const NAMED: Readonly<Record<string, string>> = {
  '\t': '\\t', '\v': '\\v', '\f': '\\f', '\b': '\\b', '\r': '\\r', '\n': '\\n', '\\': '\\\\', '"': '\\"',
  '\u2028': '\\u2028', '\u2029': '\\u2029', '\u0085': '\\u0085',
};

const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

function escape(c: string, offset: number, input: string): string {
  if (c === '\0') {
    // `\0` followed by a digit would read as an octal escape.
    const next = input.charCodeAt(offset + 1);
    return next >= 48 && next <= 57 ? '\\x00' : '\\0';
  }
  return NAMED[c] ?? unicodeEscape(c);
}

/** A double-quoted string literal of any text. */
export function stringLiteral(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  return `"${s.replace(ESCAPED, escape).replace(NON_ASCII, unicodeEscape)}"`;
}

/** A number literal; negative numbers as a minus and the literal, as the printer writes them. */
export const numberLiteral = (v: number): string => (v < 0 ? `-${-v}` : `${v}`);

/** A property name (in a type or a declaration): bare when it is an identifier, else a string literal. */
export function propertyName(name: string): string {
  return isPropertyIdentifier(name) && name !== '__proto__' ? name : stringLiteral(name);
}

/** An object-literal key: `__proto__` computed, so it defines data instead of the prototype. */
export function objectKey(name: string): string {
  return name === '__proto__' ? `[${stringLiteral(name)}]` : propertyName(name);
}

/** A JSON-like value as a one-line expression (`{ a: 1 }`, `["x"]`). */
export function valueText(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return stringLiteral(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'number': return numberLiteral(v);
    case 'bigint': return v < 0n ? `-${-v}n` : `${v}n`;
    case 'object': {
      if (Array.isArray(v)) return `[${v.map(valueText).join(', ')}]`;
      const entries = definedEntries(v as Record<string, unknown>);
      return entries.length ? `{ ${entries.map(([k, x]) => `${objectKey(k)}: ${valueText(x)}`).join(', ')} }` : '{}';
    }
    default: throw new Error(`cannot print a ${typeof v} as a literal`);
  }
}

/**
 * An object literal one key a line, its keys at `indent` and its closing brace at
 * `closeIndent` (the first line continues the current one).
 */
export function multiLineObject(v: Record<string, unknown>, indent: string, closeIndent: string): string {
  const entries = definedEntries(v);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, x]) => `${indent}${objectKey(k)}: ${valueText(x)}`).join(',\n')}\n${closeIndent}}`;
}

const definedEntries = (v: Record<string, unknown>) => Object.entries(v).filter(([, x]) => x !== undefined);
