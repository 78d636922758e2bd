import { ts } from 'ts-morph';
import type { Property, Shape } from '@taxonomy/core';
import { isPropertyIdentifier } from './names.js';

/**
 * Taxonomy text reaches code only as AST nodes printed by TypeScript's printer
 * (string and numeric literals, property names) or as escaped JSDoc text; never
 * by pasting it into source.
 */
const f = ts.factory;
const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: true });
const scratch = ts.createSourceFile('print.ts', '', ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);

export function print(node: ts.Node): string {
  return printer.printNode(ts.EmitHint.Unspecified, node, scratch);
}

/** A property name: bare when it is an identifier, else a string literal (never a computed `__proto__` setter). */
export function propertyName(name: string): ts.PropertyName {
  return isPropertyIdentifier(name) && name !== '__proto__' ? f.createIdentifier(name) : f.createStringLiteral(name);
}

/** An object-literal key as text: `__proto__` computed, so it defines data instead of the prototype. */
export function objectKey(name: string): string {
  return name === '__proto__' ? print(f.createComputedPropertyName(f.createStringLiteral(name))) : print(propertyName(name));
}

/** A JSON-like value as an expression. `__proto__` keys become computed keys, which define data instead of the prototype. */
export function valueExpr(v: unknown, multiLine = false): ts.Expression {
  if (v === null) return f.createNull();
  if (typeof v === 'string') return f.createStringLiteral(v);
  if (typeof v === 'boolean') return v ? f.createTrue() : f.createFalse();
  if (typeof v === 'number') return v < 0 ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-v)) : f.createNumericLiteral(v);
  if (Array.isArray(v)) return f.createArrayLiteralExpression(v.map((x) => valueExpr(x)), false);
  if (typeof v === 'object') {
    return f.createObjectLiteralExpression(
      Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) =>
        f.createPropertyAssignment(k === '__proto__' ? f.createComputedPropertyName(f.createStringLiteral(k)) : propertyName(k), valueExpr(x))),
      multiLine,
    );
  }
  throw new Error(`cannot print a ${typeof v} as a literal`);
}

export const valueText = (v: unknown, multiLine = false) => print(valueExpr(v, multiLine));

function literalType(v: string | number | boolean): ts.TypeNode {
  if (typeof v === 'string') return f.createLiteralTypeNode(f.createStringLiteral(v));
  if (typeof v === 'boolean') return f.createLiteralTypeNode(v ? f.createTrue() : f.createFalse());
  return f.createLiteralTypeNode(v < 0 ? f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-v)) : f.createNumericLiteral(v));
}

const ref = (name: string, ...args: ts.TypeNode[]) => f.createTypeReferenceNode(name, args.length ? args : undefined);
const kw = (k: ts.KeywordTypeSyntaxKind) => f.createKeywordTypeNode(k);

/** Escapes text for a JSDoc block: it can never close the comment or start a tag. */
export function docText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trim();
}

/** The type of a value shape: enums as string-literal unions, arrays readonly, objects closed unless they declare map values. */
export function typeNode(s: Shape): ts.TypeNode {
  let t: ts.TypeNode;
  if (s.const !== undefined) t = literalType(s.const);
  else if (s.enum && s.enum.length) t = s.enum.length === 1 ? literalType(s.enum[0]!) : f.createUnionTypeNode(s.enum.map(literalType));
  else {
    switch (s.type) {
      case 'string': t = kw(ts.SyntaxKind.StringKeyword); break;
      case 'integer':
      case 'number': t = kw(ts.SyntaxKind.NumberKeyword); break;
      case 'boolean': t = kw(ts.SyntaxKind.BooleanKeyword); break;
      case 'array': t = ref('ReadonlyArray', s.items ? typeNode(s.items) : kw(ts.SyntaxKind.UnknownKeyword)); break;
      case 'object':
        if (s.properties) t = objectType(s.properties, s.values);
        else t = ref('Readonly', ref('Record', kw(ts.SyntaxKind.StringKeyword), s.values ? typeNode(s.values) : kw(ts.SyntaxKind.UnknownKeyword)));
        break;
      default: t = kw(ts.SyntaxKind.UnknownKeyword);
    }
  }
  return s.nullable ? f.createUnionTypeNode([t, f.createLiteralTypeNode(f.createNull())]) : t;
}

/** An inline object type; with map values it stays open (an index signature of unknown). */
export function objectType(props: readonly Property[], values?: Shape): ts.TypeLiteralNode {
  const members: ts.TypeElement[] = props.map((p) =>
    f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], propertyName(p.name), p.required ? undefined : f.createToken(ts.SyntaxKind.QuestionToken), typeNode(p)));
  if (values) {
    members.push(f.createIndexSignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)],
      [f.createParameterDeclaration(undefined, undefined, 'key', undefined, kw(ts.SyntaxKind.StringKeyword))], kw(ts.SyntaxKind.UnknownKeyword)));
  }
  return f.createTypeLiteralNode(members);
}

export const typeText = (s: Shape) => print(typeNode(s));

/** A union of string literals ('a' | 'b'), or never. */
export function literalUnion(values: readonly string[]): string {
  if (values.length === 0) return 'never';
  return print(values.length === 1 ? literalType(values[0]!) : f.createUnionTypeNode(values.map(literalType)));
}
