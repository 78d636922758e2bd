import type { Property, Shape } from '@taxonomy/core';
import { docstring, pyStr } from './literal.js';
import { Namespace, pascal } from './names.js';

/** Nested object types (TypedDicts) of the package, emitted once each, in the order first met. */
export class TypedDicts {
  readonly names = new Namespace(['Optional', 'Literal', 'Sequence', 'Mapping', 'Dict', 'Callable', 'Union', 'TypedDict', 'List', 'Tuple', 'Any', 'Globals', 'Tracker', 'EventName', 'ConsentPosture', 'EventSpec', 'TrackerStats', 'SinkStats', 'Sink', 'HttpSink', 'FunctionSink', 'SendContext', 'Envelope', 'Person']);
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

  private base(s: Shape, hint: string): string {
    switch (s.type) {
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
        return `Sequence[${s.items ? this.type(s.items, `${hint} item`) : 'object'}]`;
      case 'object':
        if (s.properties?.length) return this.declare(hint, s.properties, s.description);
        if (s.values) return `Mapping[str, ${this.type(s.values, `${hint} value`)}]`;
        return 'Mapping[str, object]';
      default:
        return 'object';
    }
  }
}
