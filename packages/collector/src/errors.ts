/**
 * A refusal the client is told about: the status, a stable code, what was wrong and what to
 * do. Answered as `{ "ok": false, "error": { status, code, message, hint } }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  body(): string {
    return JSON.stringify({ ok: false, error: { status: this.status, code: this.code, message: this.message, hint: this.hint } });
  }
}

/** A value in a few words for messages: its type and a short preview. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
