import type { Property, Scalar, Shape } from '@taxonomy/core';
import { numberLiteral, propertyName, stringLiteral } from './literal.js';

/**
 * TypeScript types of value shapes, as text laid out the way TypeScript's printer lays
 * them out (object types one member a line, four spaces a level). `indent` is the
 * indentation of the line the type starts on: nested members go one level deeper.
 */

const literalType = (v: Scalar): string =>
  typeof v === 'string' ? stringLiteral(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : numberLiteral(v);

/** The type of a value shape: enums as string-literal unions, arrays readonly, objects closed unless they declare map values. */
export function typeText(s: Shape, indent = ''): string {
  let t: string;
  let union = false;
  if (s.const !== undefined) t = literalType(s.const);
  else if (s.enum && s.enum.length) {
    t = s.enum.length === 1 ? literalType(s.enum[0]!) : s.enum.map(literalType).join(' | ');
    union = s.enum.length > 1;
  } else {
    switch (s.type) {
      case 'string': t = 'string'; break;
      case 'integer':
      case 'number': t = 'number'; break;
      case 'boolean': t = 'boolean'; break;
      case 'array': t = `ReadonlyArray<${s.items ? typeText(s.items, indent) : 'unknown'}>`; break;
      case 'object':
        t = s.properties ? objectTypeText(s.properties, s.values, indent) : `Readonly<Record<string, ${s.values ? typeText(s.values, indent) : 'unknown'}>>`;
        break;
      default: t = 'unknown';
    }
  }
  // A union inside a union is parenthesized, as the printer does.
  return s.nullable ? `${union ? `(${t})` : t} | null` : t;
}

/** An inline object type; with map values it stays open (an index signature of unknown). */
export function objectTypeText(props: readonly Property[], values: Shape | undefined, indent = ''): string {
  if (!props.length && !values) return '{}';
  const inner = `${indent}    `;
  let out = '{\n';
  for (const p of props) out += `${inner}readonly ${propertyName(p.name)}${p.required ? '' : '?'}: ${typeText(p, inner)};\n`;
  if (values) out += `${inner}readonly [key: string]: unknown;\n`;
  return `${out}${indent}}`;
}

/** A union of string literals ('a' | 'b'), or never. */
export function literalUnion(values: readonly string[]): string {
  return values.length === 0 ? 'never' : values.map(stringLiteral).join(' | ');
}
