// GitHub Actions expressions, as far as the workflows of this repository use them:
// literals, context paths (github.base_ref, steps.govern.outcome, runner.temp, …),
// ==, !=, !, &&, ||, parentheses, and the status functions always(), success(),
// failure(), cancelled(). Anything else is an error, so a workflow that starts using more
// fails this test instead of being run with a guess.

export type Value = string | number | boolean | null | undefined | Record<string, unknown>;

export interface ExprContext {
  /** github, env, runner, secrets, steps, … */
  readonly contexts: Record<string, unknown>;
  /** Whether a step before this one failed (its conclusion, after continue-on-error). */
  readonly jobFailed: boolean;
}

type Token = { kind: 'op' | 'str' | 'num' | 'id' | 'lit'; text: string };

function tokens(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(==|!=|&&|\|\||[!(),])|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|(true|false|null)\b|([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`unsupported expression syntax at ${i}: ${src}`);
    i = re.lastIndex;
    if (m[1]) out.push({ kind: 'op', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'str', text: m[2].replace(/''/g, "'") });
    else if (m[3]) out.push({ kind: 'num', text: m[3] });
    else if (m[4]) out.push({ kind: 'lit', text: m[4] });
    else out.push({ kind: 'id', text: m[5]! });
  }
  return out;
}

/** Loose equality as GitHub defines it for the types used here (strings compare case-insensitively). */
function equal(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return (a ?? null) === (b ?? null);
}

const truthy = (v: Value) => !(v === false || v === 0 || v === '' || v === null || v === undefined);

/** Evaluates one expression (the text inside ${{ }}, or an `if:`). */
export function evaluate(src: string, ctx: ExprContext): Value {
  const t = tokens(src);
  let p = 0;
  const peek = () => t[p];
  const take = (text?: string) => {
    const x = t[p];
    if (!x || (text !== undefined && x.text !== text)) throw new Error(`expected ${text ?? 'a value'} in: ${src}`);
    p++;
    return x;
  };
  const primary = (): Value => {
    const x = take();
    if (x.kind === 'op' && x.text === '(') { const v = or(); take(')'); return v; }
    if (x.kind === 'op' && x.text === '!') return !truthy(primary());
    if (x.kind === 'str') return x.text;
    if (x.kind === 'num') return Number(x.text);
    if (x.kind === 'lit') return x.text === 'null' ? null : x.text === 'true';
    if (x.kind === 'id') {
      if (peek()?.text === '(') {
        // Known by name before its arguments are read: contains(a, b) is refused as a function.
        if (!['always', 'success', 'failure', 'cancelled'].includes(x.text)) throw new Error(`unsupported function ${x.text}() in: ${src}`);
        take('('); take(')');
        switch (x.text) {
          case 'always': return true;
          case 'success': return !ctx.jobFailed;
          case 'failure': return ctx.jobFailed;
          case 'cancelled': return false;
          default: throw new Error(`unsupported function ${x.text}() in: ${src}`);
        }
      }
      let v: unknown = ctx.contexts;
      for (const k of x.text.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
      return v as Value;
    }
    throw new Error(`unexpected '${x.text}' in: ${src}`);
  };
  const cmp = (): Value => {
    let v = primary();
    while (peek()?.text === '==' || peek()?.text === '!=') {
      const op = take().text;
      const r = primary();
      v = op === '==' ? equal(v, r) : !equal(v, r);
    }
    return v;
  };
  const and = (): Value => { let v = cmp(); while (peek()?.text === '&&') { take(); const r = cmp(); v = truthy(v) ? r : v; } return v; };
  const or = (): Value => { let v = and(); while (peek()?.text === '||') { take(); const r = and(); v = truthy(v) ? v : r; } return v; };
  const v = or();
  if (p !== t.length) throw new Error(`unexpected '${t[p]!.text}' in: ${src}`);
  return v;
}

/** Whether a step runs: its `if:` (a status function or not, as GitHub wraps it), default success(). */
export function stepRuns(cond: string | undefined, ctx: ExprContext): boolean {
  if (cond === undefined) return !ctx.jobFailed;
  const src = cond.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
  // GitHub adds success() && … unless the condition calls a status function itself.
  const hasStatus = /\b(always|success|failure|cancelled)\s*\(/.test(src);
  return truthy(evaluate(src, ctx)) && (hasStatus || !ctx.jobFailed);
}

/** A string with every ${{ expr }} replaced by its value (as GitHub prints it: '' for null). */
export function interpolate(text: string, ctx: ExprContext): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => {
    const v = evaluate(e, ctx);
    return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

export const isTruthy = truthy;
