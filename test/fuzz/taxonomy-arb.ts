// Random taxonomies for the pipeline fuzz: names that are keywords of every target language
// (TypeScript, SQL, Python, Go, YAML), hostile free text (Unicode, control characters, line
// breaks, markup, quotes, very long strings), and deep and wide shapes. Most cases load (so
// the generators run); some break a rule on purpose (so the loader's refusals run too).
import fc from 'fast-check';
import { stringify } from 'yaml';

/** Keywords and reserved words of the target languages, all valid snake_case names. */
export const KEYWORDS = [
  'class', 'function', 'return', 'import', 'export', 'default', 'delete', 'new', 'this', 'typeof', 'void', 'yield', 'await', 'async',
  'enum', 'interface', 'type', 'let', 'var', 'const', 'constructor_x', 'prototype_x', 'proto', 'has_own_property', 'to_string', 'value_of',
  'select', 'from', 'where', 'group', 'order', 'by', 'table', 'view', 'drop', 'insert', 'user', 'limit', 'offset', 'union', 'join', 'null',
  'def', 'lambda', 'pass', 'none', 'true', 'false', 'self', 'global', 'nonlocal', 'assert', 'with', 'except', 'raise', 'print',
  'func', 'package', 'go', 'chan', 'map', 'range', 'struct', 'defer', 'select_case', 'fallthrough', 'yes', 'no', 'on', 'off', 'y', 'n',
  'event', 'properties', 'id', 'timestamp', 'version', 'context', 'person', 'dimensions',
];

/** Free text a careless generator would let through into code, SQL, YAML, Markdown or HTML. */
const HOSTILE_TEXT = [
  'line one\nline two', 'cr\rlf\r\n', 'sep\u2028para\u2029', 'tab\there', 'nul\u0000byte', 'bell\u0007', 'del\u007f', 'bom\ufeff',
  '<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"; DROP TABLE events; --', "it's", '`backtick`', '${interpolate}', '{{handlebars}}',
  '*/ /* comment', '-- sql comment', '# heading', '| pipe | cell |', '[link](javascript:alert(3))', '&amp; &lt;', 'yes', 'no', 'null', '~', '0x1F', '1e3', '-',
  '😀 emoji', 'e\u0301 combining', 'ﬁ ligature', 'רtl עברית', '\\ backslash \\n', 'colon: value', '- dash start', '? question', '@at', '%percent', '!tag',
];

const word = fc.oneof(fc.constantFrom(...KEYWORDS), fc.stringMatching(/^[a-z][a-z0-9]{0,4}$/));
/** A snake_case name short enough that a path of four stays a valid SQL column. */
export const snakeName = fc.array(word, { minLength: 1, maxLength: 2 }).map((w) => w.join('_'));
/** A top-level name: mostly short, sometimes long (within the 63 characters of a SQL name). */
const topName = fc.oneof({ weight: 8, arbitrary: snakeName }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 40 }).map((n) => 'n' + 'a'.repeat(n)) });
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => 'long '.repeat(n / 5)) },
);
const enumValue = fc.oneof(text, fc.constantFrom(...KEYWORDS));

interface PropertySpec { [key: string]: unknown }

/** A property definition: scalar, enum, array or (up to `depth`) a nested object. */
function property(depth: number): fc.Arbitrary<PropertySpec> {
  const scalar = fc.oneof(
    fc.record({ type: fc.constant('string'), description: text }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.integer({ min: -5, max: 0 }), maximum: fc.integer({ min: 1, max: 1000 }) }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('boolean') }),
    fc.record({ type: fc.constant('string'), enum: fc.uniqueArray(enumValue, { minLength: 1, maxLength: 5 }) }),
    fc.record({ type: fc.constant('string'), format: fc.constantFrom('date-time', 'date', 'uuid', 'email', 'uri') }),
    fc.record({ type: fc.constant('array'), items: fc.record({ type: fc.constantFrom('string', 'integer') }) }),
    // Issue 18.3's shapes: free-form JSON, several types, unions (hostile discriminator values),
    // keys matched by a regex, open maps, and 64-bit bounds no double holds.
    fc.record({ type: fc.constant('json'), description: text }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('array'), items: fc.constant({ type: 'json' }) }),
    fc.record({ type: fc.subarray(['string', 'integer', 'number', 'boolean', 'null'], { minLength: 2 }), maxLength: fc.integer({ min: 1, max: 50 }), minimum: fc.constant(0) })
      .filter((r) => (r.type as string[]).filter((t) => t !== 'null').length >= 1 && (r.type as string[]).some((t) => t === 'string') && (r.type as string[]).some((t) => t === 'integer' || t === 'number')),
    fc.uniqueArray(enumValue, { minLength: 2, maxLength: 3 }).map((kinds) => ({
      discriminator: 'kind',
      oneOf: kinds.map((k, i) => ({ type: 'object', properties: { kind: { type: 'string', const: k, required: true }, [`f${i}`]: { type: i % 2 ? 'integer' : 'string' } } })),
    })),
    fc.record({ anyOf: fc.constant([{ type: 'string', format: 'uuid' }, { type: 'integer', minimum: 0 }]), description: text }, { requiredKeys: ['anyOf'] }),
    fc.record({ type: fc.constant('object'), patternProperties: fc.constantFrom({ '^x_[a-z]+$': { type: 'string' } }, { '^[0-9]+$': { type: 'integer' }, 'é|\\|"': { type: 'json' } }), maxProperties: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ type: fc.constant('object'), values: fc.constant({ type: 'json' }) }),
    fc.constant({ type: 'integer', minimum: BigInt('-9223372036854775808'), maximum: BigInt('9223372036854775807') }),
    // Tuples (prefixItems): hostile element descriptions, open (any further value, or typed
    // further elements) or closed by maxItems, leading elements required up to minItems.
    fc.record({
      type: fc.constant('array'),
      prefixItems: fc.array(fc.oneof(
        fc.record({ type: fc.constantFrom('string', 'integer', 'number', 'boolean'), description: text }, { requiredKeys: ['type'] }),
        fc.constant({ type: 'json' }),
        fc.constant({ type: 'object', properties: { x: { type: 'string', required: true } } }),
      ), { minLength: 1, maxLength: 3 }),
      items: fc.constantFrom({ type: 'string' }, { type: 'integer' }),
      close: fc.boolean(),
      minItems: fc.integer({ min: 0, max: 3 }),
    }, { requiredKeys: ['type', 'prefixItems', 'close'] }).map(({ close, ...r }) => {
      const n = (r.prefixItems as unknown[]).length;
      const out: PropertySpec = { ...r, ...(r.minItems !== undefined ? { minItems: Math.min(r.minItems as number, n) } : {}) };
      if (close) { delete out.items; out.maxItems = n; }
      return out;
    }),
  );
  if (depth <= 0) return scalar;
  return fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 1, arbitrary: fc.dictionary(snakeName, property(depth - 1), { minKeys: 1, maxKeys: 3 }).map((properties) => ({ type: 'object', properties })) });
}

const event = fc.record({
  description: text,
  category: fc.constant('core'),
  owner: text,
  tags: fc.array(text, { maxLength: 2 }),
  // Deep (objects three levels down) and, now and then, wide (dozens of properties).
  properties: fc.oneof({ weight: 5, arbitrary: fc.dictionary(topName, property(3), { maxKeys: 6 }) }, { weight: 1, arbitrary: fc.dictionary(snakeName, property(0), { minKeys: 30, maxKeys: 60 }) }),
}, { requiredKeys: ['category', 'properties'] });

/** A domain file no loader should choke on: deep nesting, binary, an alias bomb, half a document. */
const brokenFile = fc.oneof(
  fc.integer({ min: 100, max: 6000 }).map((n) => `domain: deep\nevents:\n  deep.e:\n    x: ${'- '.repeat(n)}x\n`),
  fc.integer({ min: 100, max: 6000 }).map((n) => `domain: deep\nevents: ${'['.repeat(n)}${']'.repeat(n)}\n`),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant('a: &a ["x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d]\n'),
  fc.constantFrom('domain: half\nevents:\n  half.e:\n    properties: {', '\t- tab indented', '%YAML 1.1\n---\n!!python/object:os.system x\n', 'domain: [unclosed\n'),
);

/** One taxonomy: files by path under taxonomy/. */
export const taxonomyFiles: fc.Arbitrary<Record<string, string>> = fc.record({
  domains: fc.uniqueArray(fc.tuple(snakeName, fc.option(text), fc.dictionary(topName, event, { minKeys: 1, maxKeys: 5 })), { minLength: 1, maxLength: 3, selector: (d) => d[0] }),
  categoryText: text,
  // One case in six breaks a rule on purpose (a column name past 63 characters): exit 1.
  tooLong: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  // One case in eight holds a domain file that is broken on purpose: exit 1, located, no stack.
  broken: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: brokenFile }),
}).map(({ domains, categoryText, tooLong, broken }) => {
  const files: Record<string, string> = {
    'taxonomy.yaml': stringify({ name: 'fuzz', version: '1.0.0' }),
    'categories.yaml': stringify({ categories: { core: { description: categoryText } } }),
  };
  for (const [name, owner, events] of domains) {
    // Event names are the domain's, dot-joined (dot.snake), so names differ across domains.
    const prefixed = Object.fromEntries(Object.entries(events).map(([e, spec], i) => [`${name}.${e}`, tooLong && i === 0 ? { ...spec, properties: { ...spec.properties, ['x'.repeat(64)]: { type: 'string' } } } : spec]));
    files[`domains/${name}.yaml`] = stringify({ domain: name, ...(owner === null ? {} : { owner }), naming: 'dot.snake', property_naming: 'snake', events: prefixed });
  }
  if (broken !== null) files['domains/zz_broken.yaml'] = broken;
  return files;
});
