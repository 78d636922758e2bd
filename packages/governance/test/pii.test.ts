// The PII heuristic weighs name, description, type and format together. A false alarm
// blocks a good pull request, so both tables matter as much.
import { describe, expect, it } from 'vitest';
import type { Shape } from '@taxonomy/core';
import { suspect, words } from '@taxonomy/governance';

const str = (extra: Partial<Shape> = {}): Shape => ({ type: 'string', ...extra });

describe('words', () => {
  it.each([
    ['userEmail', ['user', 'email']], ['user_email', ['user', 'email']], ['USER_EMAIL', ['user', 'email']],
    ['user.email', ['user', 'email']], ['$set_once', ['set', 'once']], ['IPAddress', ['ip', 'address']], ['realName', ['real', 'name']],
  ])('%s → %j', (name, expected) => expect(words(name)).toEqual(expected));
});

describe('suspect: misses it must not have', () => {
  const cases: [string, Shape, string][] = [
    ['email', str({ format: 'email' }), 'email'],
    ['contact', str({ format: 'email' }), 'email'],
    ['userEmail', str(), 'email'],
    ['invited_email', str(), 'email'],
    ['recipient', str({ description: "The customer's email address for the reply." }), 'email'],
    ['invitees', { type: 'array', items: str({ format: 'email' }) }, 'email'],
    ['contact', { type: 'union', union: { kind: 'anyOf', variants: [{ type: 'integer' }, str({ format: 'email' })] } }, 'email'],
    ['contacts', { type: 'array', items: { type: 'union', union: { kind: 'oneOf', variants: [{ type: 'boolean' }, str({ format: 'email' })] } } }, 'email'],
    ['phone_number', str(), 'phone'],
    ['mobile', str(), 'phone'],
    ['callback', str({ description: 'Phone number to call back.' }), 'phone'],
    ['real_name', str(), 'person name'],
    ['firstName', str(), 'person name'],
    ['customer_name', str(), 'person name'],
    ['username', str(), 'person name'],
    ['who', str({ description: "The user's full name as typed." }), 'person name'],
    ['shipping_address', str(), 'postal address'],
    ['zip_code', str(), 'postal address'],
    ['street', str(), 'postal address'],
    ['client_ip', str(), 'IP address'],
    ['origin', str({ format: 'ipv4' }), 'IP address'],
    ['visitor', str({ description: "The visitor's IP address." }), 'IP address'],
    ['date_of_birth', str({ format: 'date' }), 'birth date'],
    ['dob', str(), 'birth date'],
    ['birth_year', { type: 'integer' }, 'birth date'],
    ['api_key', str(), 'credential'],
    ['access_token', str(), 'credential'],
    ['password', str(), 'credential'],
    ['sessionToken', str(), 'credential'],
    ['message', str(), 'free text'],
    ['feedback_comment', str(), 'free text'],
    ['search_query', str(), 'free text'],
    ['prompt', str(), 'free text'],
    ['details', str({ description: 'Free-text notes from the agent.' }), 'free text'],
    ['reason', str({ description: 'Why the user rejected it, as typed.' }), 'free text'],
    ['why', str({ description: 'The cancellation reason in their own words.' }), 'free text'],
  ];
  it.each(cases)('%s is %s', (name, shape, kind) => {
    expect(suspect(name, shape)?.kind).toBe(kind);
  });
});

describe('suspect: false alarms it must not raise', () => {
  const cases: [string, Shape][] = [
    ['email_domain', str({ description: "Lower-cased domain portion of the user's email (the PII-safe stand-in for the full email)." })],
    ['invited_email_domain', str({ description: 'Lower-cased domain; full email lives in the invitation row, not the event.' })],
    ['email_verified', { type: 'boolean' }],
    ['has_phone', { type: 'boolean', description: 'Whether a phone number is on file.' }],
    ['email_hash', str()],
    ['tokens_used', { type: 'integer' }],
    ['input_tokens', { type: 'integer' }],
    ['token_count', { type: 'integer' }],
    ['token_type', str({ enum: ['bearer', 'refresh'] })],
    ['message_length', { type: 'integer', description: 'Length of the message in characters (the message content itself is never stored).' }],
    ['message_length_bucket', str({ enum: ['short', 'long'] })],
    ['message_id', str()],
    ['message_ts', str({ pattern: '^[0-9.]+$' })],
    ['channel_name', str()],
    ['organization_name', str({ description: 'Name of the organization (a customer company).' })],
    ['connection_name', str()],
    ['repo_name', str()],
    ['file_name', str()],
    ['toolName', str()],
    ['actionName', str()],
    ['name', str({ description: 'Template name.' })],
    ['button_text', str()],
    ['error_message', str()],
    ['ip_country', str({ description: 'Country derived from the IP address.' })],
    ['name_format', str({ enum: ['first_last', 'last_first'] })],
    ['password_changed', { type: 'boolean' }],
    ['search_query_length', { type: 'integer' }],
    ['citation_uri', str({ format: 'uri', description: 'The cited URI.' })],
    ['content_type', str()],
    ['comment_count', { type: 'integer' }],
    ['contact_method', str({ const: 'email' })],
    ['user_id', str({ format: 'uuid' })],
    ['signup_source', str({ description: 'Opaque attribution bundle (UTM + referrer).' })],
    ['note_id', str()],
    ['text', str({ maxLength: 16, description: 'Short status code.' })],
    ['address', { type: 'object' }],
    ['reason', str({ description: 'Coarse rejection reason code.' })],
    ['failure_reason', str({ description: 'Stable coarse failure reason.' })],
  ];
  it.each(cases)('%s', (name, shape) => {
    expect(suspect(name, shape)).toBeUndefined();
  });
});

describe('suspect: what it says', () => {
  it('names its clues and the class the data needs', () => {
    expect(suspect('contact_email', str({ format: 'email' }))).toEqual({ kind: 'email', needs: 'pii', because: "format email, name 'contact_email'" });
    expect(suspect('api_key', str())?.needs).toBe('secret');
    expect(suspect('message', str())?.needs).toBe('content');
  });
});

describe('union alternatives are walked like nested objects', () => {
  it("privacy/unclassified finds a key inside an object alternative, at its own path", async () => {
    const { loadTaxonomyFromFiles } = await import('@taxonomy/core');
    const { ALL_RULES } = await import('@taxonomy/governance');
    const files = {
      'taxonomy.yaml': 'name: t\nversion: 1.0.0\n',
      'privacy.yaml': 'classes:\n  internal: { description: i, sensitivity: 1 }\n  pii: { description: p, sensitivity: 8, allowed_in_events: false }\n',
      'categories.yaml': 'categories:\n  c: { description: c }\n',
      'domains/d.yaml': [
        'domain: d', 'events:', '  paid:', '    category: c', '    properties:', '      payment:', '        privacy: internal', '        discriminator: kind', '        oneOf:',
        '          - { type: object, properties: { kind: { type: string, const: card, required: true, privacy: internal } } }',
        '          - { type: object, properties: { kind: { type: string, const: invoice, required: true, privacy: internal }, email: { type: string } } }', '',
      ].join('\n'),
    };
    const r = loadTaxonomyFromFiles(Object.entries(files).map(([path, contents]) => ({ path, contents })));
    expect(r.failed).toBe(false);
    const rule = ALL_RULES.find((x) => x.id === 'privacy/unclassified')!;
    const found = rule.check(undefined, r.model!, {} as never) as { message: string; location: { line: number }; fix: string }[];
    expect(found.map((f) => f.message)).toEqual(["property 'payment|2.email' of paid has no privacy class"]);
    expect(found[0]!.location.line).toBe(11);
    expect(found[0]!.fix).toMatch(/privacy: pii/);
  });
});

describe('tuple elements are walked too', () => {
  it('privacy/unclassified finds a key of an object element of a tuple at `path[i].key`; no-pii finds an email element', async () => {
    const { loadTaxonomyFromFiles } = await import('@taxonomy/core');
    const { ALL_RULES, suspect } = await import('@taxonomy/governance');
    const files = {
      'taxonomy.yaml': 'name: t\nversion: 1.0.0\n',
      'privacy.yaml': 'classes:\n  internal: { description: i, sensitivity: 1 }\n  pii: { description: p, sensitivity: 8, allowed_in_events: false }\n',
      'categories.yaml': 'categories:\n  c: { description: c }\n',
      'domains/d.yaml': [
        'domain: d', 'events:', '  sent:', '    category: c', '    properties:', '      pair:', '        type: array', '        privacy: internal', '        prefixItems:',
        '          - { type: integer }',
        '          - { type: object, properties: { to: { type: string, privacy: internal }, email: { type: string } } }', '',
      ].join('\n'),
    };
    const r = loadTaxonomyFromFiles(Object.entries(files).map(([path, contents]) => ({ path, contents })));
    expect(r.failed).toBe(false);
    const rule = ALL_RULES.find((x) => x.id === 'privacy/unclassified')!;
    const found = rule.check(undefined, r.model!, {} as never) as { message: string; location: { line: number } }[];
    expect(found.map((f) => f.message)).toEqual(["property 'pair[1].email' of sent has no privacy class"]);
    expect(found[0]!.location.line).toBe(11);
    expect(suspect('recipient', { type: 'array', prefixItems: [{ type: 'integer' }, { type: 'string', format: 'email' }] })?.kind).toBe('email');
    expect(suspect('contact', { type: 'array', prefixItems: [{ type: 'integer' }], items: { type: 'string', description: "the user's email address" } })?.kind).toBe('email');
    expect(suspect('point', { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] })).toBeUndefined();
  });
});

describe('tuple elements in the lifecycle rules', () => {
  it('lifecycle/property-removed finds a stable key removed from an object element of a tuple (`pair[1].email`)', async () => {
    const { loadTaxonomyFromFiles } = await import('@taxonomy/core');
    const { ALL_RULES } = await import('@taxonomy/governance');
    const load = (element: string) => loadTaxonomyFromFiles(Object.entries({
      'taxonomy.yaml': 'name: t\nversion: 1.0.0\n',
      'privacy.yaml': 'classes:\n  internal: { description: i, sensitivity: 1 }\n',
      'categories.yaml': 'categories:\n  c: { description: c }\n',
      'domains/d.yaml': `domain: d\nevents:\n  sent:\n    category: c\n    properties:\n      pair: { type: array, privacy: internal, prefixItems: [{ type: integer }, ${element}] }\n`,
    }).map(([path, contents]) => ({ path, contents }))).model!;
    const base = load('{ type: object, properties: { to: { type: string, privacy: internal, stability: stable } } }');
    const head = load('{ type: object, properties: {} }');
    const rule = ALL_RULES.find((x) => x.id === 'lifecycle/property-removed')!;
    const found = rule.check(base, head, { today: '2026-12-07', config: { deprecationDays: 90 } } as never) as { message: string }[];
    expect(found.map((f) => f.message)).toEqual([expect.stringMatching(/^property 'pair\[1\]\.to' was removed from 'sent'.*stability: stable/)]);
  });
});
