// JSON.stringify recurses, and on a deep payload (a poison event nested thousands of levels,
// which the validator refuses) it overflows the stack. The quarantine must still keep that
// payload whole: this writes the same text without recursion when JSON.stringify cannot.

import { jsonText } from '@taxonomy/runtime';

type Frame =
  | { readonly array: true; readonly items: readonly unknown[]; i: number }
  | { readonly array: false; readonly object: Readonly<Record<string, unknown>>; readonly keys: readonly string[]; i: number; wrote: boolean };

/** JSON.stringify(value), also for data nested deeper than the call stack allows. */
export function stringifyJson(value: unknown): string {
  try {
    // Bigints (integers beyond 2^53 read exactly) as their digits.
    return jsonText(value) ?? 'null';
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return stringifyIteratively(value);
  }
}

/** What JSON.stringify writes for parsed JSON data (no toJSON, no cycles), with an explicit stack. */
export function stringifyIteratively(value: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (v: unknown, inArray: boolean): void => {
    if (v !== null && typeof v === 'object') {
      if (Array.isArray(v)) { out.push('['); stack.push({ array: true, items: v, i: 0 }); }
      else { out.push('{'); stack.push({ array: false, object: v as Record<string, unknown>, keys: Object.keys(v), i: 0, wrote: false }); }
      return;
    }
    const text = typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
    out.push(text === undefined ? (inArray ? 'null' : '') : text);
  };
  open(value, true);
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.array) {
      if (f.i < f.items.length) { if (f.i > 0) out.push(','); open(f.items[f.i++], true); } else { out.push(']'); stack.pop(); }
      continue;
    }
    let next: string | undefined;
    while (f.i < f.keys.length && next === undefined) {
      const k = f.keys[f.i++]!;
      const v = f.object[k];
      if (v !== undefined && typeof v !== 'function' && typeof v !== 'symbol') next = k;
    }
    if (next === undefined) { out.push('}'); stack.pop(); continue; }
    out.push(`${f.wrote ? ',' : ''}${JSON.stringify(next)}:`);
    f.wrote = true;
    open(f.object[next], false);
  }
  return out.join('');
}
