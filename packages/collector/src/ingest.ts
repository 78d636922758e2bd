import { createHash } from 'node:crypto';
import type { Contract, ValidationError } from './contract.js';
import { jsonText } from '@taxonomy/runtime';
import { describe } from './errors.js';
import type { EnvelopeRow, QuarantineRow, WriteBatch } from './store/types.js';
import { stringifyJson } from './stringify.js';

/** Rules the rejected-events metric is labelled with; anything else counts as `other` (bounded label values). */
export const REJECT_REASONS = [
  'event', 'version', 'type', 'required', 'additionalProperties', 'enum', 'const', 'format', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'uniqueItems', 'multipleOf', 'json', 'maxDepth', 'maxSize', 'row', 'storage', 'expired', 'other',
] as const;
const KNOWN = new Set<string>(REJECT_REASONS);

/** What the client is told about one refused event. */
export interface Rejection {
  readonly index: number;
  readonly event: string | null;
  readonly id: string | null;
  readonly errors: readonly ValidationError[];
}

export interface Ingested {
  readonly batch: WriteBatch;
  readonly received: number;
  readonly valid: number;
  readonly rejections: readonly Rejection[];
  /** Quarantined events by reason (the first error's rule). */
  readonly reasons: ReadonlyMap<string, number>;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Text every database takes as it is (PostgreSQL refuses NUL and lone surrogates): else null. */
export function cleanText(v: unknown, max = 256): string | null {
  return typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\u0000') && !LONE_SURROGATE.test(v) ? v : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Record<string, unknown>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
// jsonText: JSON.stringify's text, with a bigint (an integer beyond 2^53 read exactly) as its digits.
const json = (v: unknown) => (v === undefined ? null : jsonText(v)!);

/** The quarantine row of a refused event: the payload whole, keyed by its content so a retry is not kept twice. */
export function quarantineRow(element: unknown, errors: readonly ValidationError[], receivedAt: number, source: string | null): QuarantineRow {
  const payload = stringifyJson(element);
  const o = isObject(element) ? element : {};
  return {
    quarantine_key: `sha256:${sha256(payload)}`,
    event_id: cleanText(own(o, 'id')),
    event_name: cleanText(own(o, 'event')),
    received_at: receivedAt,
    source,
    payload,
    errors: JSON.stringify(errors),
  };
}

/**
 * The error of an event received after its taxonomy `expires:` day (both days in UTC, as the
 * trackers count them): an event is live through its expiry day and disabled from the next.
 */
export function expiredError(contract: Contract, name: unknown, receivedAt: number): ValidationError | undefined {
  const table = contract.validators.expires;
  if (!table || typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(table, name) || !Number.isFinite(receivedAt)) return undefined;
  const expires = table[name]!;
  const day = new Date(receivedAt).toISOString().slice(0, 10);
  if (day <= expires) return undefined;
  return {
    path: '/event', rule: 'expired',
    expected: `an event received on or before its expiry day ${expires} (UTC)`,
    actual: `received on ${day} (UTC)`,
    message: `event '${name}' expired on ${expires} (taxonomy expires:) and was received on ${day}; it is disabled. Renew its expires: date in the taxonomy and run \`taxonomy generate\` (then \`taxonomy replay-quarantine\` stores what was quarantined), or stop sending it`,
  };
}

/** The raw row's text columns, which a database stores as UTF-8 (properties is JSON text, which escapes). */
const TEXT_COLUMNS = ['event_id', 'event_name', 'org_id', 'workspace_id', 'user_id', 'session_id'] as const;

/** The first text column of a row holding a lone surrogate, if any. */
function brokenTextColumn(row: WriteBatch['events'][number]): string | undefined {
  const r = row as unknown as Record<string, unknown>;
  return TEXT_COLUMNS.find((c) => typeof r[c] === 'string' && LONE_SURROGATE.test(r[c] as string));
}

/**
 * Validates each event with the generated validators and turns it into rows: valid events
 * into the raw table (plus their envelope row when they carry a source, person, context or
 * dimensions), invalid ones into quarantine with the validator's errors, and so are events
 * received after their taxonomy `expires:` day (rule `expired`). Never throws.
 * An event without an id gets the hash of its content, so a retried batch is still not
 * stored twice (two identical events without ids are one event).
 */
export function ingest(elements: readonly unknown[], contract: Contract, receivedAt: number, source: string | null): Ingested {
  const events: WriteBatch['events'][number][] = [];
  const originals: unknown[] = [];
  const envelopes: EnvelopeRow[] = [];
  const quarantine: QuarantineRow[] = [];
  const rejections: Rejection[] = [];
  const reasons = new Map<string, number>();
  const refuse = (index: number, element: unknown, errors: readonly ValidationError[]) => {
    quarantine.push(quarantineRow(element, errors, receivedAt, source));
    const o = isObject(element) ? element : {};
    rejections.push({ index, event: cleanText(own(o, 'event')), id: cleanText(own(o, 'id')), errors });
    const rule = errors[0]?.rule ?? 'other';
    const reason = KNOWN.has(rule) ? rule : 'other';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  elements.forEach((element, index) => {
    if (!isObject(element)) {
      refuse(index, element, [{ path: `/batch/${index}`, rule: 'type', expected: 'an event object { event, properties, … }', actual: describe(element), message: `batch[${index}] must be an event object { "event": "…", "properties": { … } }; got ${describe(element)}` }]);
      return;
    }
    const result = contract.validators.validateEvent(own(element, 'event') as string, element);
    // Expired comes first (it is the reason the event is refused, and the metric's label); any validation errors follow.
    const expired = expiredError(contract, own(element, 'event'), receivedAt);
    if (expired) { refuse(index, element, [expired, ...(result.ok ? [] : result.errors)]); return; }
    if (!result.ok) { refuse(index, element, result.errors); return; }
    const event = result.event;
    let row;
    try {
      row = contract.sql.toEventRow(event, { receivedAt, newId: () => `sha256:${sha256(jsonText(element)!)}`, stringify: (p) => jsonText(p)! });
    } catch (e) {
      refuse(index, element, [{ path: '', rule: 'row', expected: 'an event the raw table can hold', actual: (e as Error).message, message: `the event is valid but cannot become a row: ${(e as Error).message}` }]);
      return;
    }
    const broken = brokenTextColumn(row);
    if (broken) {
      refuse(index, element, [{ path: '', rule: 'row', expected: 'text that is valid Unicode', actual: `${broken} holds a lone surrogate`, message: `the event's ${broken} holds a lone surrogate (not valid Unicode), which no database stores as UTF-8 text; fix the client that sent it` }]);
      return;
    }
    events.push(row);
    originals.push(element);
    const person = own(event, 'person'), context = own(event, 'context'), dimensions = own(event, 'dimensions');
    if (source !== null || person !== undefined || context !== undefined || dimensions !== undefined) {
      envelopes.push({ event_id: row.event_id, source, person: json(person), context: json(context), dimensions: json(dimensions) });
    }
  });
  return { batch: { events, envelopes, quarantine, originals }, received: elements.length, valid: events.length, rejections, reasons };
}
