import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, quarantineRow, type Contract } from '@taxonomy/collector';
import { cleanText } from '../src/ingest.js';
import { draftCreated, seedContract } from './helpers.js';

let contract: Contract;
beforeAll(async () => { contract = await seedContract(); });

describe('ingest: validate, then rows or quarantine', () => {
  it('turns a valid event into the sql package\'s row, and records the envelope parts only when present', () => {
    const plain = draftCreated({ id: 'i-1' });
    const rich = draftCreated({ id: 'i-2', context: { app: 'web' } });
    const r = ingest([plain, rich], contract, 1000, null);
    expect(r).toMatchObject({ received: 2, valid: 2, rejections: [] });
    expect(r.batch.events).toEqual([contract.sql.toEventRow(plain, { receivedAt: 1000 }), contract.sql.toEventRow(rich, { receivedAt: 1000 })]);
    expect(r.batch.envelopes).toEqual([{ event_id: 'i-2', source: null, person: null, context: '{"app":"web"}', dimensions: null }]);
  });

  it.each([
    ['a number', 42, 'type'],
    ['null', null, 'type'],
    ['an array', [1], 'type'],
    ['no event name', { properties: {} }, 'event'],
    ['an unknown event', { event: 'x.y', properties: {} }, 'event'],
    ['a wrong enum value', draftCreated({ properties: { source: 'fax' } }), 'enum'],
    ['a missing required property', { event: 'workbench.draft_created', properties: { sessionId: 's' } }, 'required'],
    ['an unknown envelope key', { ...draftCreated(), extra: 1 }, 'additionalProperties'],
  ])('%s is quarantined with the rule as reason', (_name, element, rule) => {
    const r = ingest([element], contract, 5, 'web');
    expect(r.valid).toBe(0);
    expect([...r.reasons]).toEqual([[rule, 1]]);
    expect(r.batch.quarantine).toHaveLength(1);
    const q = r.batch.quarantine[0]!;
    expect(q).toMatchObject({ received_at: 5, source: 'web', payload: JSON.stringify(element) });
    expect(JSON.parse(q.errors)[0].rule).toBe(rule);
  });

  it('keys quarantine rows by content: the same payload twice is one key, another payload another', () => {
    const a = quarantineRow({ event: 'x', id: 'same' }, [], 1, null);
    expect(quarantineRow({ event: 'x', id: 'same' }, [], 2, 'web').quarantine_key).toBe(a.quarantine_key);
    expect(quarantineRow({ event: 'x', id: 'same', n: 1 }, [], 1, null).quarantine_key).not.toBe(a.quarantine_key);
  });

  it.each([
    ['plain', 'abc', 'abc'],
    ['empty', '', null],
    ['NUL inside', 'a\u0000b', null],
    ['a lone surrogate', 'a\ud800b', null],
    ['a pair (emoji)', 'a😀b', 'a😀b'],
    ['too long', 'x'.repeat(257), null],
    ['not a string', 5, null],
  ])('cleanText: %s', (_name, v, expected) => {
    expect(cleanText(v)).toBe(expected);
  });

  it('never throws, whatever it is given', () => {
    const weird = [undefined, Symbol.iterator.toString(), { event: 'workbench.draft_created', properties: null }, { event: { toString: 1 } }, { event: 'workbench.draft_created', timestamp: 'not a date', properties: {} }];
    expect(() => ingest(weird, contract, 0, null)).not.toThrow();
    expect(ingest(weird, contract, 0, null).batch.quarantine).toHaveLength(weird.length);
  });
});
