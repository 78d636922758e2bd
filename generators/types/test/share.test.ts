import { describe, expect, it } from 'vitest';
import { compile } from 'json-schema-to-typescript';
import { SchemaPool } from '../src/share.js';
import { compileMembers, OPTIONS } from '../src/compile.js';

type Schema = Record<string, unknown>;
const ts = (schema: Schema) => compile(schema as Parameters<typeof compile>[0], 'Root', { ...OPTIONS, format: false });

/** Two events made of the same parts (fresh objects each time), with what json-schema-to-typescript reads differently. */
function event(name: string): Schema {
  return {
    title: `${name}Event`, type: 'object', required: ['event'], additionalProperties: false, 'x-domain': 'shop',
    properties: {
      event: { const: name, description: 'The event name.' },
      id: { type: 'string', minLength: 1, maxLength: 128, format: 'uuid', description: 'Has */ inside.' },
      count: { type: 'integer', minimum: 0, maximum: name.length * 1000 },
      pair: { type: 'array', items: { type: 'string', pattern: '^a' }, minItems: 2 },
      bounded: { type: 'array', items: { type: 'string' }, maxItems: 2 },
      maybe: { type: ['string', 'null'], enum: ['a', 'b', null] },
      open: { nullable: true, minimum: 1 },
      bare: { 'x-note': 'only an annotation' },
      example: { examples: [{ title: 'not a type' }], properties: { title: { type: 'string' } } }, // untyped: keeps its examples
      place: { title: 'Place', type: 'object', properties: { city: { type: 'string' } } },
      properties: {
        title: `${name}Properties`, type: 'object', additionalProperties: false,
        properties: { detail: { type: 'object', properties: { code: { type: 'string', maxLength: 5 } }, required: ['code'] } },
      },
    },
  };
}

describe('SchemaPool', () => {
  it('leaves json-schema-to-typescript output unchanged', async () => {
    const pool = new SchemaPool();
    const plain = { title: 'Root', oneOf: [event('a.one'), event('b.two')] };
    const shared = { title: 'Root', oneOf: [pool.share(event('a.one')), pool.share(event('b.two'))] };
    const out = await ts(plain);
    expect(await ts(shared)).toBe(out);
    expect(out).toContain('export interface Place1 {'); // titled sub-schemas stay apart: json-schema-to-typescript numbers the second
  });

  it('makes equal untitled sub-schemas one object, and keeps titled ones apart', () => {
    const pool = new SchemaPool();
    const [a, b] = [pool.share(event('a.one')), pool.share(event('b.two'))] as { properties: Record<string, Schema> }[];
    const [pa, pb] = [a!.properties, b!.properties];
    expect(pa.id).toBe(pb.id);
    expect(pa.count).toBe(pb.count); // only `maximum` differed
    expect(pa.pair).toBe(pb.pair);
    expect(pa.bounded).not.toBe(pb.bounded);
    expect(pa.example).not.toBe(pb.example); // an example mentions "title"
    expect(pa.place).not.toBe(pb.place);
    expect(pa.event).not.toBe(pb.event);
    expect((pa.properties as { properties: Record<string, Schema> }).properties.detail).toBe((pb.properties as { properties: Record<string, Schema> }).properties.detail);
  });

  it('drops ignored keywords only from a typed schema without nullable', () => {
    const s = new SchemaPool().share(event('a.one')) as { properties: Record<string, Schema> } & Schema;
    expect(s['x-domain']).toBeUndefined();
    expect(s.properties.id).toEqual({ type: 'string', description: 'Has */ inside.' });
    expect(s.properties.count).toEqual({ type: 'integer' });
    expect(s.properties.open).toEqual({ nullable: true, minimum: 1 });
    expect(s.properties.bare).toEqual({ 'x-note': 'only an annotation' });
  });

  it('does not mistake different values for equal ones', () => {
    const pool = new SchemaPool();
    const x = pool.share({ type: 'object', properties: { a: { type: 'string', enum: ['1,2'] } } });
    const y = pool.share({ type: 'object', properties: { a: { type: 'string', enum: ['1', '2'] } } });
    const z = pool.share({ type: 'array', items: [{ type: 'string' }] });
    const w = pool.share({ type: 'array', items: { type: 'string' } });
    expect(x).not.toBe(y);
    expect(z).not.toBe(w);
    expect(pool.share({ type: 'object', properties: { a: { type: 'string', enum: ['1,2'] } } })).toBe(x);
  });
});

describe('SchemaPool and json-schema-to-typescript, where sharing would change the output', () => {
  it('keeps a bounded array apart: whether its bound is kept depends on the arrays around it', async () => {
    const grid = (outer: number) => ({ type: 'array', maxItems: outer, items: { type: 'array', maxItems: 15, items: { type: 'string' } } });
    const events = () => [
      { title: 'AEvent', type: 'object', properties: { grid: grid(1) } },
      { title: 'BEvent', type: 'object', properties: { grid: grid(2) } },
    ];
    const pool = new SchemaPool();
    const out = await ts({ title: 'Root', oneOf: events() });
    expect(await ts({ title: 'Root', oneOf: events().map((e) => pool.share(e)) })).toBe(out);
    expect(out).toContain('grid?: []|[string[]]|[string[], string[]]\n'); // the inner bound dropped in B only
  });

  it('flags a $ref anywhere, so that nothing is shared', () => {
    const pool = new SchemaPool();
    pool.share({ type: 'object', properties: { a: { type: 'string' } } });
    expect(pool.refs).toBe(false);
    pool.share({ type: 'object', properties: { b: { $ref: '#/$defs/b' } } });
    expect(pool.refs).toBe(true);
    const other = new SchemaPool();
    other.share({ type: 'string', default: { $ref: 'x' } });
    expect(other.refs).toBe(true);
  });
});

describe('compileMembers', () => {
  it('gives schemas with a $ref to json-schema-to-typescript as they are, to be dereferenced', async () => {
    const event = () => ({
      title: 'AEvent', type: 'object',
      properties: { b: { type: 'string', maxLength: 3, description: 'B.' }, c: { $ref: '#/oneOf/0/properties/b' }, d: { type: 'string', maxLength: 3, description: 'B.' } },
    });
    const out = await compileMembers('Root', 'All.', [{ names: { event: 'AEvent', properties: 'AProperties' }, input: event() }]);
    expect(out).toBe(await ts({ title: 'Root', description: 'All.', oneOf: [event()] }));
    expect(out).toContain('c?: string');
  });
});
