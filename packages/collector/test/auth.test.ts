import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWriteKeys, createCollector, readWriteKeys, SqliteStore, type Collector } from '@taxonomy/collector';
import { cleanup, draftCreated, post, seedContract, tmp } from './helpers.js';

const WEB = 'wk_web_0123456789abcdef';
const IOS_OLD = 'wk_ios_old_0123456789ab';
const IOS_NEW = 'wk_ios_new_0123456789ab';

let store: SqliteStore;
let collector: Collector;
let url: string;

beforeAll(async () => {
  const contract = await seedContract();
  const file = join(tmp(), 'keys.json');
  writeFileSync(file, JSON.stringify({ web: WEB, ios: [IOS_OLD, IOS_NEW] }));
  store = new SqliteStore(contract.sql, { path: join(tmp(), 'events.sqlite') });
  collector = await createCollector({ contract, store, writeKeys: readWriteKeys(file), log: () => undefined });
  url = await collector.listen(0);
});
afterAll(async () => {
  await collector?.close();
  cleanup();
});

const stored = (id: string) => (store.db.prepare('SELECT count(*) AS n FROM events WHERE event_id = ?').get(id) as { n: number }).n;
const sourceOf = (id: string) => (store.db.prepare('SELECT source FROM events_envelope WHERE event_id = ?').get(id) as { source: string } | undefined)?.source;

describe('write keys: a missing or wrong key is 401 and nothing is stored', () => {
  it.each([
    ['no key', {}, 'missing_write_key'],
    ['a wrong bearer key', { authorization: 'Bearer wk_nope_0123456789abcdef' }, 'wrong_write_key'],
    ['a key of another scheme', { authorization: `Digest ${WEB}` }, 'missing_write_key'],
    ['an empty X-Write-Key', { 'x-write-key': '' }, 'missing_write_key'],
    ['a wrong Basic key', { authorization: `Basic ${Buffer.from('wk_nope:').toString('base64')}` }, 'wrong_write_key'],
  ])('%s → 401', async (_name, headers, code) => {
    const id = `auth-${code}-${Math.random()}`;
    const r = await post(url, { batch: [draftCreated({ id })] }, headers as Record<string, string>);
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code, hint: code === 'missing_write_key' ? expect.stringContaining('Authorization: Bearer') : expect.stringContaining('write-keys file') });
    expect(stored(id)).toBe(0);
  });

  it.each([
    ['Bearer', { authorization: `Bearer ${WEB}` }, 'web'],
    ['X-Write-Key', { 'x-write-key': IOS_OLD }, 'ios'],
    ['a rotated key of the same source', { authorization: `Bearer ${IOS_NEW}` }, 'ios'],
    ['Basic (Segment\'s form: the key as user name)', { authorization: `Basic ${Buffer.from(`${WEB}:`).toString('base64')}` }, 'web'],
  ])('%s → 200, the source is recorded with the event', async (_name, headers, source) => {
    const id = `auth-ok-${Math.random()}`;
    const r = await post(url, { batch: [draftCreated({ id })] }, headers);
    expect(r.status).toBe(200);
    expect(stored(id)).toBe(1);
    expect(sourceOf(id)).toBe(source);
  });

  it('quarantined events keep their source too', async () => {
    await post(url, { batch: [draftCreated({ id: 'auth-bad', properties: { source: 'nope' } })] }, { authorization: `Bearer ${WEB}` });
    expect(store.db.prepare('SELECT source FROM events_quarantine WHERE event_id = ?').get('auth-bad')).toEqual({ source: 'web' });
  });
});

describe('the write-keys file: mistakes are named with a JSON pointer', () => {
  it.each([
    [[], /expected a JSON object/],
    [{}, /no sources/],
    [{ 'we b': WEB }, /\/we b: a source name is 1–64 letters/],
    [{ web: 'short' }, /\/web: a key is a string of at least 16 characters without spaces; got 5 characters/],
    [{ web: [WEB, 42] }, /\/web\/1: a key is a string/],
    [{ web: [] }, /\/web: expected a key/],
    [{ web: WEB, ios: WEB }, /\/ios: the same key is also given to source 'web'/],
  ])('%j', (value, message) => {
    expect(() => checkWriteKeys(value, 'keys.json')).toThrow(message);
  });
  it('a file that is not JSON says so', () => {
    const f = join(tmp(), 'bad.json');
    writeFileSync(f, '{ web: 1 }');
    expect(() => readWriteKeys(f)).toThrow(/bad\.json: not valid JSON/);
    expect(() => readWriteKeys(join(tmp(), 'missing.json'))).toThrow(/cannot read the write keys/);
  });
});
