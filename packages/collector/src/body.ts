import type { IncomingMessage } from 'node:http';
import { HttpError, describe } from './errors.js';
import { exactIntegers } from './big-integers.js';
import { findJsonError } from './json-error.js';

/** The client went away (aborted, reset) before the body was read: there is no one to answer. */
export class ClientGone extends Error {}

const tooLarge = (max: number, got: string) => new HttpError(413, 'body_too_large', `the request body is ${got}; the limit is ${max.toLocaleString('en-US')} bytes`,
  'send smaller batches (httpSink halves its batch on 413 by itself)', { connection: 'close' });

/**
 * Reads the body, refusing more than `maxBytes`: by Content-Length before reading anything,
 * or as soon as a chunked body passes the limit. Nothing beyond the limit is buffered.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) return Promise.reject(tooLarge(maxBytes, `${Number(declared).toLocaleString('en-US')} bytes (Content-Length)`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (err) reject(err); else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) { req.pause(); finish(tooLarge(maxBytes, `more than ${maxBytes.toLocaleString('en-US')} bytes`)); return; }
      chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('aborted', () => finish(new ClientGone('client aborted')));
    req.once('error', (e) => finish(new ClientGone(e.message)));
    req.once('close', () => { if (!req.complete) finish(new ClientGone('connection closed')); });
  });
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-8 text, then JSON: each failure is a 400 that says where. */
export function parseJson(body: Buffer): unknown {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new HttpError(400, 'invalid_utf8', 'the request body is not valid UTF-8', 'send JSON encoded as UTF-8');
  }
  if (!text.trim()) throw new HttpError(400, 'empty_body', 'the request body is empty', 'send a JSON body: {"batch": [ … ]} to /v1/batch, one event object to /v1/track');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const at = findJsonError(text);
    const where = at ? `at line ${at.line} column ${at.column} (character ${at.offset}): expected ${at.expected}, found ${at.found}` : 'it could not be parsed';
    throw new HttpError(400, 'malformed_json', `the request body is not valid JSON: ${where}`, 'send a JSON body: {"batch": [ … ]} to /v1/batch, one event object to /v1/track');
  }
  // Integers beyond 2^53 as bigints, so they are stored with the digits that were sent.
  return exactIntegers(text, parsed);
}

/** The events of a request: `{ "batch": [ … ] }` for /v1/batch, one event object for /v1/track. */
export function eventsOf(value: unknown, route: 'batch' | 'track', maxEvents: number): readonly unknown[] {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (route === 'track') {
    if (!isObject) throw new HttpError(400, 'not_an_event', `/v1/track takes one event object; got ${describe(value)}`, 'send { "event": "…", "properties": { … } }, or several events as {"batch": [ … ]} to /v1/batch');
    return [value];
  }
  const batch = isObject && Object.prototype.hasOwnProperty.call(value, 'batch') ? (value as { batch: unknown }).batch : undefined;
  if (!Array.isArray(batch)) {
    const got = isObject ? (batch === undefined ? 'an object without "batch"' : `"batch": ${describe(batch)}`) : describe(value);
    throw new HttpError(400, 'not_a_batch', `/v1/batch takes {"batch": [event, …]}; got ${got}`, 'wrap the events: {"batch": [{ "event": "…", "properties": { … } }]}; one event alone can go to /v1/track');
  }
  if (batch.length > maxEvents) {
    throw new HttpError(413, 'too_many_events', `the batch has ${batch.length.toLocaleString('en-US')} events; the limit is ${maxEvents.toLocaleString('en-US')} a request`, 'send smaller batches (httpSink halves its batch on 413 by itself)');
  }
  return batch;
}
