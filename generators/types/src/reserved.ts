// json-schema-to-typescript calls `node.hasOwnProperty(…)` on every object of the schema, a
// `properties` map included: a property named `hasOwnProperty` (or `toString`, …) shadows the
// method and the compile throws. Such names stand as placeholders while compiling, and are
// put back in the output text, where they are plain (valid) property names.
import type { JsonSchema } from '@taxonomy/gen-json-schema';

const PREFIX = '__taxonomy_reserved_';
const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A name that any plain object already answers to. */
const shadows = (name: string) => name in Object.prototype;

/** Renames of reserved property names, filled by `hide` and undone by `restore`. */
export class ReservedNames {
  private readonly byName = new Map<string, string>();

  /** A copy of `schema` in which property names that shadow Object.prototype are placeholders; the schema itself when none do. */
  hide(schema: JsonSchema): JsonSchema {
    return JSON.stringify(schema).includes(PREFIX) || !this.holdsReserved(schema) ? schema : (this.rename(schema) as JsonSchema);
  }

  /** `ts` with each placeholder back to its name. */
  restore(ts: string): string {
    let out = ts;
    for (const [name, placeholder] of this.byName) out = out.split(placeholder).join(name);
    return out;
  }

  private placeholder(name: string): string {
    let p = this.byName.get(name);
    if (!p) this.byName.set(name, (p = `${PREFIX}${this.byName.size}__`));
    return p;
  }

  private holdsReserved(v: unknown): boolean {
    if (Array.isArray(v)) return v.some((x) => this.holdsReserved(x));
    if (!isObject(v)) return false;
    if (isObject(v.properties) && Object.keys(v.properties).some(shadows)) return true;
    return Object.values(v).some((x) => this.holdsReserved(x));
  }

  private rename(v: unknown): unknown {
    if (Array.isArray(v)) return v.map((x) => this.rename(x));
    if (!isObject(v)) return v;
    const out: JsonSchema = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'properties' && isObject(x)) out[k] = Object.fromEntries(Object.entries(x).map(([n, s]) => [shadows(n) ? this.placeholder(n) : n, this.rename(s)]));
      else if (k === 'required' && Array.isArray(x)) out[k] = x.map((n) => (typeof n === 'string' && shadows(n) ? this.placeholder(n) : n));
      else out[k] = this.rename(x);
    }
    return out;
  }
}
