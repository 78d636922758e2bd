// What json-schema-to-typescript is given for many events at once: their schemas without
// the keywords it never reads (slim.ts), with equal sub-schemas as one object. Most of an
// event repeats other events (the envelope's members, global properties, shared property
// definitions), and json-schema-to-typescript's passes (clone, dereference, ~20
// normalizer walks, parse) skip a schema object they have already visited: one object
// reached from 2,000 places is worked on once. Dereferencing a `$ref` produces the same
// sharing. A schema that names nothing (no `title`, `$id`, `$ref`, enum names or
// definitions anywhere inside) is emitted inline wherever it is used, so sharing it
// leaves the output as it was. With a `$ref` anywhere, nothing is shared (compile.ts):
// what the ref parser resolves is named after where it was found.
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import { ignored, slimmable } from './slim.js';

/** Keywords whose value is a schema or a list of them (`items` may be a tuple). */
const SCHEMA = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value is a map of schemas. */
const SCHEMA_MAP = new Set(['properties', 'patternProperties']);
/**
 * Keywords after which a schema is never shared: those that name a type or point elsewhere,
 * and `maxItems`, which json-schema-to-typescript may drop depending on the arrays the
 * schema sits in (its only rule that looks at a schema's parents).
 */
const NAMING = new Set(['title', '$id', 'id', '$ref', '$defs', 'definitions', 'tsEnumNames', 'tsType', 'maxItems']);
/** Names in JSON text (a property so named inside an example only loses the sharing). */
const NAMING_TEXT = /"(?:title|\$id|id|\$ref|\$defs|definitions|tsEnumNames|tsType)":/;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Length-prefixed, so that no two different texts concatenate to the same key. */
const text = (s: string) => `${s.length}:${s}`;

/** Equal sub-schemas seen so far, by a key in which a shared child stands as its number. */
export class SchemaPool {
  private readonly byKey = new Map<string, JsonSchema>();
  private readonly ids = new Map<JsonSchema, number>();
  /** Whether anything shared so far holds a `$ref` key (that the ref parser would follow). */
  refs = false;

  /** A copy of `schema`, slimmed, in which every sub-schema that names nothing is the first equal one seen. */
  share(schema: JsonSchema): JsonSchema {
    return this.node(schema);
  }

  private node(schema: JsonSchema): JsonSchema {
    const out: JsonSchema = {};
    const slim = slimmable(schema);
    let key = '{';
    let named = false;
    const child = (v: unknown): unknown => {
      if (Array.isArray(v)) {
        key += '[';
        const list = v.map(child);
        key += ']';
        return list;
      }
      if (!isObject(v)) { key += value(v); return v; }
      const s = this.node(v);
      const id = this.ids.get(s);
      if (id === undefined) named = true;
      else key += `#${id},`;
      return s;
    };
    const value = (v: unknown): string => {
      if (typeof v === 'string') return `s${text(v)}`;
      if (typeof v === 'object' && v !== null) {
        const json = JSON.stringify(v);
        if (NAMING_TEXT.test(json)) named = true;
        if (json.includes('"$ref":')) this.refs = true;
        return `j${text(json)}`;
      }
      return `p${String(v)},`;
    };
    for (const k of Object.keys(schema)) {
      if (slim && ignored(k)) continue;
      if (NAMING.has(k)) named = true;
      if (k === '$ref') this.refs = true;
      const v = schema[k];
      key += text(k);
      if (SCHEMA.has(k)) out[k] = child(v);
      else if (SCHEMA_MAP.has(k) && isObject(v)) {
        const map: JsonSchema = {};
        key += '{';
        for (const name of Object.keys(v)) {
          if (name === '$ref') this.refs = true;
          key += text(name);
          map[name] = child(v[name]);
        }
        key += '}';
        out[k] = map;
      } else {
        key += value(v);
        out[k] = v;
      }
    }
    if (named) return out;
    const seen = this.byKey.get(key);
    if (seen) return seen;
    this.byKey.set(key, out);
    this.ids.set(out, this.ids.size);
    return out;
  }
}
