import type { ObjectRules, Property, Shape } from '@taxonomy/core';
import { docstring, pyStr } from './literal.js';
import { Namespace, pascal } from './names.js';

/** The recursive alias of any JSON value. */
export const JSON_VALUE = 'JsonValue';

/** Nested object types (TypedDicts) of the package, emitted once each, in the order first met. */
export class TypedDicts {
  readonly names = new Namespace(['Optional', 'Literal', 'Sequence', 'Mapping', 'Dict', 'Callable', 'Union', 'TypedDict', 'List', 'Tuple', 'Any', 'Globals', 'Tracker', 'EventName', 'ConsentPosture', 'EventSpec', 'TrackerStats', 'SinkStats', 'Sink', 'HttpSink', 'FunctionSink', 'SendContext', 'Envelope', 'Person', JSON_VALUE]);
  private readonly out: string[] = [];
  /** Public TypedDict names, in declaration order. */
  readonly declared: string[] = [];

  text(): string {
    return this.out.join('');
  }

  /** A TypedDict for an object with declared keys: required and optional keys split (no NotRequired in 3.9). */
  declare(hint: string, props: readonly Property[], description?: string): string {
    const name = this.names.claim(pascal(hint));
    this.declared.push(name);
    const req = props.filter((p) => p.required);
    const opt = props.filter((p) => !p.required);
    const fields = (list: readonly Property[]) => `{${list.map((p) => `${pyStr(p.name)}: ${this.type(p, `${hint} ${p.name}`)}`).join(', ')}}`;
    const doc = docstring([description ?? `The ${hint} object.`], '    ');
    if (req.length && opt.length) {
      this.out.push(`_${name}Required = TypedDict(${pyStr(`_${name}Required`)}, ${fields(req)})\n`);
      this.out.push(`_${name}Optional = TypedDict(${pyStr(`_${name}Optional`)}, ${fields(opt)}, total=False)\n\n\n`);
      this.out.push(`class ${name}(_${name}Required, _${name}Optional):\n${doc}\n\n`);
    } else {
      this.out.push(`${name} = TypedDict(${pyStr(name)}, ${fields(req.length ? req : opt)}${req.length ? '' : ', total=False'})\n\n\n`);
    }
    return name;
  }

  /** The Python type of a value shape (as a call argument: sequences and mappings are read-only views). */
  type(s: Shape, hint: string): string {
    const t = this.base(s, hint);
    return s.nullable ? `Optional[${t}]` : t;
  }

  /** The recursive JSON value alias, declared once (first in the module: TypedDicts may name it). */
  private json(): string {
    if (!this.declared.includes(JSON_VALUE)) {
      this.declared.push(JSON_VALUE);
      this.out.unshift(`${JSON_VALUE} = Union[None, bool, int, float, str, Sequence["${JSON_VALUE}"], Mapping[str, "${JSON_VALUE}"]]\n"""Any JSON value (a \`type: json\` property)."""\n\n\n`);
    }
    return JSON_VALUE;
  }

  /** `Union[...]` of distinct types (a single one bare). */
  private union(types: readonly string[]): string {
    const distinct = [...new Set(types)];
    return distinct.length === 1 ? distinct[0]! : `Union[${distinct.join(', ')}]`;
  }

  /**
   * The values of an object with undeclared keys (map values, key patterns): a Mapping of
   * every type a key may hold. TypedDicts are closed (PEP 728 is not in Python 3.9), so an
   * object with declared keys beside open ones is a Mapping too; which key holds which type,
   * its patterns and its key counts are checked at run time (validators; the tracker's checks).
   */
  private openObject(s: Shape, hint: string): string {
    const types = [
      ...(s.properties ?? []).map((p) => this.type(p, `${hint} ${p.name}`)),
      ...(s.values ? [this.type(s.values, `${hint} value`)] : []),
      ...(s.patternProperties ?? []).map((pp, i) => this.type(pp.shape, `${hint} pattern${i ? ` ${i + 1}` : ''}`)),
    ];
    return `Mapping[str, ${types.length ? this.union(types) : 'object'}]`;
  }

  /** The type of the keyword arguments beyond the declared ones of an event with an open payload (`**extra: T`), or undefined. */
  extraType(rules: ObjectRules, hint: string): string | undefined {
    const types = [
      ...(rules.values ? [this.type(rules.values, `${hint} value`)] : []),
      ...(rules.patternProperties ?? []).map((pp, i) => this.type(pp.shape, `${hint} pattern${i ? ` ${i + 1}` : ''}`)),
    ];
    return types.length ? this.union(types) : undefined;
  }

  /**
   * A tuple (`prefixItems`). Closed by maxItems: a `Tuple` per length it may have, from
   * minItems to its leading elements (`Union[Tuple[()], Tuple[str], Tuple[str, int]]`). Open:
   * Python 3.9 has no tuple with a typed rest (PEP 646's `*tuple[T, ...]` is 3.11), so a
   * `Sequence` of the union of its element types; the tracker then checks each element's
   * JSON type by position, and the element count, at run time (spec.tuples).
   */
  private tuple(s: Shape, hint: string): string {
    const head = s.prefixItems!.map((e, i) => this.type(e, `${hint} ${i}`));
    if (s.maxItems !== undefined && s.maxItems <= head.length) {
      const out: string[] = [];
      for (let n = Math.min(s.minItems ?? 0, s.maxItems); n <= s.maxItems; n++) out.push(n ? `Tuple[${head.slice(0, n).join(', ')}]` : 'Tuple[()]');
      return this.union(out);
    }
    return `Sequence[${this.union([...head, s.items ? this.type(s.items, `${hint} item`) : this.json()])}]`;
  }

  private base(s: Shape, hint: string): string {
    switch (s.type) {
      case 'json':
        return this.json();
      case 'union': {
        // An enum beside the alternatives says it all (strings and integers; booleans as their Literal).
        if (s.enum?.length && s.enum.every((v) => typeof v !== 'number' || Number.isSafeInteger(v))) {
          return `Literal[${s.enum.map((v) => (typeof v === 'string' ? pyStr(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v))).join(', ')}]`;
        }
        const variants = s.union?.variants ?? [];
        // An alternative named by its discriminator value, else by its place.
        const d = s.union?.discriminator;
        const types = variants.map((v, i) => {
          const tag = d ? v.properties?.find((p) => p.name === d)?.const : undefined;
          return this.type({ ...v, nullable: false }, `${hint} ${tag !== undefined ? String(tag) : `option ${i + 1}`}`);
        });
        return types.length ? this.union(types) : 'object';
      }
      case 'string':
        if (s.const !== undefined) return `Literal[${pyStr(String(s.const))}]`;
        if (s.enum?.length) return `Literal[${s.enum.map((v) => pyStr(String(v))).join(', ')}]`;
        return 'str';
      case 'integer':
        if (typeof s.const === 'number' && Number.isSafeInteger(s.const)) return `Literal[${s.const}]`;
        if (s.enum?.length && s.enum.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return `Literal[${s.enum.join(', ')}]`;
        return 'int';
      case 'number':
        return 'float';
      case 'boolean':
        if (typeof s.const === 'boolean') return `Literal[${s.const ? 'True' : 'False'}]`;
        return 'bool';
      case 'array':
        if (s.prefixItems) return this.tuple(s, hint);
        return `Sequence[${s.items ? this.type(s.items, `${hint} item`) : 'object'}]`;
      case 'object':
        if (s.patternProperties?.length || (s.values && s.properties?.length)) return this.openObject(s, hint);
        if (s.properties?.length) return this.declare(hint, s.properties, s.description);
        if (s.values) return `Mapping[str, ${this.type(s.values, `${hint} value`)}]`;
        return 'Mapping[str, object]';
      default:
        return 'object';
    }
  }
}
