import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

/**
 * Write keys per source (`{ "web": "key", "ios": ["old-key", "new-key"] }`): a source may
 * have several keys while one is rotated. Keys are held as SHA-256 digests and looked up by
 * digest, so comparing a presented key leaks nothing about the stored ones through timing.
 */
export type WriteKeys = Readonly<Record<string, string | readonly string[]>>;

const digest = (k: string) => createHash('sha256').update(k, 'utf8').digest('hex');
const SOURCE = /^[A-Za-z0-9_.-]{1,64}$/;

export class WriteKeyError extends Error {}

/** Checks the write keys (a JSON object source → key or keys); errors name the JSON pointer. */
export function checkWriteKeys(value: unknown, where = 'write keys'): WriteKeys {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new WriteKeyError(`${where}: expected a JSON object { "<source>": "<key>" | ["<key>", …] }; got ${Array.isArray(value) ? 'an array' : typeof value}`);
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) throw new WriteKeyError(`${where}: no sources; add at least one { "<source>": "<key>" }, or leave out --write-keys to accept every request`);
  const seen = new Map<string, string>();
  for (const [source, keys] of entries) {
    if (!SOURCE.test(source)) throw new WriteKeyError(`${where} /${source}: a source name is 1–64 letters, digits, _ . or -; got ${JSON.stringify(source)}`);
    const list = typeof keys === 'string' ? [keys] : keys;
    if (!Array.isArray(list) || list.length === 0) throw new WriteKeyError(`${where} /${source}: expected a key (a string) or a list of keys; got ${JSON.stringify(keys)}`);
    list.forEach((k, i) => {
      const ptr = `/${source}${typeof keys === 'string' ? '' : `/${i}`}`;
      if (typeof k !== 'string' || k.length < 16 || /\s/.test(k)) throw new WriteKeyError(`${where} ${ptr}: a key is a string of at least 16 characters without spaces; got ${typeof k === 'string' ? `${k.length} characters` : JSON.stringify(k)}`);
      const other = seen.get(k);
      if (other !== undefined) throw new WriteKeyError(`${where} ${ptr}: the same key is also given to source '${other}'; each key names one source`);
      seen.set(k, source);
    });
  }
  return value as WriteKeys;
}

/** Reads and checks a write-keys JSON file. */
export function readWriteKeys(file: string): WriteKeys {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new WriteKeyError(`${file}: cannot read the write keys: ${(e as Error).message}`); }
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) { throw new WriteKeyError(`${file}: not valid JSON: ${(e as Error).message}`); }
  return checkWriteKeys(value, file);
}

/** The key a request presents: `Authorization: Bearer <key>`, `Basic base64(<key>:)` (Segment's form) or `X-Write-Key`. */
export function presentedKey(req: IncomingMessage): string | undefined {
  const h = req.headers['x-write-key'];
  if (typeof h === 'string' && h) return h.trim();
  const auth = req.headers.authorization;
  if (!auth) return undefined;
  const [scheme, value = ''] = auth.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? '')) return value;
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return undefined;
}

/** Maps a request to its source, or refuses it with 401. Without keys every request is let in (source null). */
export function authenticator(keys: WriteKeys | undefined): (req: IncomingMessage) => string | null {
  if (!keys) return () => null;
  const byDigest = new Map<string, string>();
  for (const [source, k] of Object.entries(keys)) for (const key of typeof k === 'string' ? [k] : k) byDigest.set(digest(key), source);
  return (req) => {
    const key = presentedKey(req);
    if (!key) throw new HttpError(401, 'missing_write_key', 'this collector needs a write key and the request has none', 'send it as `Authorization: Bearer <key>` (httpSink({ headers: { authorization: \'Bearer …\' } })) or `X-Write-Key: <key>`', { 'www-authenticate': 'Bearer realm="collector"' });
    const source = byDigest.get(digest(key));
    if (source === undefined) throw new HttpError(401, 'wrong_write_key', 'the write key is not one this collector knows', 'check the key the sender uses against the collector\'s write-keys file', { 'www-authenticate': 'Bearer realm="collector"' });
    return source;
  };
}
