import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import type { Property, Shape } from '@taxonomy/core';
import { numberLiteral, objectKey, propertyName, stringLiteral, valueText } from '../src/literal.js';
import { literalUnion, typeText } from '../src/type-text.js';
import { docText, jsDoc, paragraphs, tag } from '../src/jsdoc.js';

/** Strings meant to break out of a literal, a line or a comment. */
const HOSTILE = [
  '', 'plain', 'it\'s', 'say "hi"', 'back\\slash', 'ends with a backslash\\', '\\', '"', '\\"', '`tick` ${x}', '${', '*/', '/*', '//',
  'new\nline', 'cr\rlf\r\n', '\u2028\u2029\u0085', '\0', '\x001', '\t\v\f\b', '\x1f\x7f', 'é€', '😀', '\ud800 lone', '__proto__', '</script>',
];

/** Deterministic random strings over an alphabet of troublemakers. */
function randomStrings(n: number): string[] {
  const alphabet = ['a', ' ', '"', "'", '`', '\\', '*', '/', '\n', '\r', '\u2028', '\u2029', '\u0085', '\0', '1', '$', '{', '}', '@', 'é', '\ud83d', '\ude00', '\t', '\x1b'];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: true });
const scratch = ts.createSourceFile('x.ts', '', ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
const tsPrint = (node: ts.Node) => printer.printNode(ts.EmitHint.Unspecified, node, scratch);
const evaluate = (expression: string): unknown => new Function(`return (${expression});`)();
const parse = (text: string) => ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
const parseErrors = (sf: ts.SourceFile) => (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
const shape = (s: Partial<Property>): Property => ({ type: 'string', name: 'p', required: true, origin: 'event', location: { file: 'x' }, ...s } as Property);

describe('string literals', () => {
  const all = [...HOSTILE, ...randomStrings(400)];

  it('are exactly what TypeScript\'s printer writes (the output did not change when the generator stopped printing through it)', () => {
    for (const s of all) expect(stringLiteral(s), JSON.stringify(s)).toBe(tsPrint(ts.factory.createStringLiteral(s)));
  });

  it('evaluate to the exact text and never hold a line break', () => {
    for (const s of all) {
      const lit = stringLiteral(s);
      expect(evaluate(lit)).toBe(s);
      expect(lit).not.toMatch(/[\n\r\u2028\u2029]/);
    }
  });

  it('keys and values: bare names only when they are identifiers, __proto__ computed as data', () => {
    expect(propertyName('ok_name')).toBe('ok_name');
    expect(propertyName('delete')).toBe('delete');
    for (const s of HOSTILE.filter((x) => !/^[A-Za-z_$][\w$]*$/.test(x))) expect(propertyName(s)).toBe(stringLiteral(s));
    expect(propertyName('__proto__')).toBe('"__proto__"');
    expect(objectKey('__proto__')).toBe('["__proto__"]');
    const value = { ...Object.fromEntries(HOSTILE.map((s, i) => [s, [s, i, -i, i / 3]])), ['__proto__']: { polluted: true }, nested: { a: null, b: [true, false] } };
    const back = evaluate(valueText(value)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
  });

  it('numbers print as the printer prints them (a minus before a literal)', () => {
    for (const n of [0, 1, -1, 2.5, -0.25, 1e21, 1e-7, -1e-7, 123456789]) {
      const node = n < 0 ? ts.factory.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, ts.factory.createNumericLiteral(-n)) : ts.factory.createNumericLiteral(n);
      expect(numberLiteral(n)).toBe(tsPrint(node));
      expect(evaluate(numberLiteral(n))).toBe(n);
    }
  });
});

describe('type texts', () => {
  it('literal unions keep the exact strings, and a nullable union is parenthesized', () => {
    const text = typeText(shape({ enum: HOSTILE, nullable: true }));
    const alias = parse(`type T = ${text};`);
    expect(parseErrors(alias)).toEqual([]);
    const union = (alias.statements[0] as ts.TypeAliasDeclaration).type as ts.UnionTypeNode;
    expect(union.types).toHaveLength(2);
    const inner = ((union.types[0] as ts.ParenthesizedTypeNode).type as ts.UnionTypeNode).types;
    expect(inner.map((t) => ((t as ts.LiteralTypeNode).literal as ts.StringLiteral).text)).toEqual(HOSTILE);
    expect(literalUnion([])).toBe('never');
  });

  it('nested object types, arrays and maps parse, one member a line, names as written', () => {
    const nested = shape({
      type: 'object', values: { type: 'string' },
      properties: HOSTILE.slice(0, 8).map((name, i) => shape({ name, required: i % 2 === 0, type: i % 3 ? 'array' : 'object', items: { type: 'number', enum: [-1, 2] }, properties: [shape({ name: '*/' })] })),
    });
    const text = typeText(nested, '        ');
    expect(parseErrors(parse(`type T = ${text};`))).toEqual([]);
    expect(text.split('\n').slice(1).every((l) => l.startsWith('        '))).toBe(true);
    const literal = parse(`type T = ${text};`).statements[0] as ts.TypeAliasDeclaration;
    const names = (literal.type as ts.TypeLiteralNode).members.filter(ts.isPropertySignature).map((m) => (ts.isStringLiteral(m.name) ? m.name.text : m.name.getText()));
    expect(names).toEqual(HOSTILE.slice(0, 8));
  });
});

describe('JSDoc blocks', () => {
  it('hold any text as one comment: the declaration after it is still the only statement', () => {
    for (const s of [...HOSTILE, ...randomStrings(200)]) {
      const block = jsDoc(paragraphs(s, `Trigger: ${s}`), '    ', [tag('deprecated', docText(`Use ${s} instead.`))]);
      const sf = parse(`interface I {\n${block}    m(): void;\n}\n`);
      expect(parseErrors(sf), JSON.stringify(s)).toEqual([]);
      const members = (sf.statements[0] as ts.InterfaceDeclaration).members;
      expect(sf.statements).toHaveLength(1);
      expect(members).toHaveLength(1);
      // the real tag is there, once (TypeScript reads a mid-line ` @x` as a tag too: docText escapes only line starts)
      expect(ts.getJSDocTags(members[0]!).filter((t) => t.tagName.text === 'deprecated'), JSON.stringify(s)).toHaveLength(1);
    }
  });

  it('is one line for one line of text, and nothing for no text', () => {
    expect(jsDoc('Short.', '')).toBe('/** Short. */\n');
    expect(jsDoc('Two\n\nparagraphs.', '  ')).toBe('  /**\n   * Two\n   *\n   * paragraphs.\n   */\n');
    expect(jsDoc('', '')).toBe('');
  });
});
