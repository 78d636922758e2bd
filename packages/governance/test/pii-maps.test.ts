// Issue 18.3: the PII heuristic looks into a map's values and the values of keys matching a
// pattern, as it does into array items and union alternatives; a map of counts or of closed
// values stays quiet.
import { describe, expect, it } from 'vitest';
import type { Shape } from '@taxonomy/core';
import { suspect } from '@taxonomy/governance';

const str = (extra: Partial<Shape> = {}): Shape => ({ type: 'string', ...extra });
const map = (values: Shape, extra: Partial<Shape> = {}): Shape => ({ type: 'object', values, ...extra });
const patterns = (pattern: string, shape: Shape, extra: Partial<Shape> = {}): Shape => ({ type: 'object', patternProperties: [{ pattern, shape }], ...extra });

describe('suspect: maps and pattern keys', () => {
  it.each([
    ['a map named for emails', 'emailByUser', map(str()), 'email'],
    ['a map of email-formatted values', 'recipients', map(str({ format: 'email' })), 'email'],
    ['a map described as holding emails', 'people', map(str(), { description: "Each customer's email address by team." }), 'email'],
    ['pattern keys named for emails', 'contacts', patterns('^email_[a-z]+$', str()), 'email'],
    ['pattern values with an IP format', 'hosts', patterns('^h_', str({ format: 'ipv4' })), 'IP address'],
    ['a map of free-form JSON bodies', 'body', map({ type: 'json' }), 'free text'],
  ])('%s', (_t, name, s, kind) => expect(suspect(name, s)?.kind).toBe(kind));

  it.each([
    ['a map of counts', 'emailCounts', map({ type: 'integer' })],
    ['a map of closed values', 'emailStatus', map(str({ enum: ['sent', 'bounced'] }))],
    ['pattern keys of booleans', 'flags', patterns('^email_', { type: 'boolean' })],
    ['an object with declared keys only (its keys are walked as properties)', 'user_email', { type: 'object', properties: [] } as Shape],
  ])('not %s', (_t, name, s) => expect(suspect(name, s)).toBeUndefined());
});
