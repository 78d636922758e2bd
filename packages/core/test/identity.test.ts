import { describe, expect, it } from 'vitest';
import { dirname } from 'node:path';
import { loadTaxonomy } from '@taxonomy/core';
import { CATEGORIES, ROOT, writeTaxonomy } from './helpers.js';
import { foldName } from '../src/resolve/identity.js';

function check(domains: Record<string, string>, root = ROOT) {
  const dir = writeTaxonomy({ 'taxonomy.yaml': root, 'categories.yaml': CATEGORIES, ...domains });
  return loadTaxonomy(dir, { cwd: dirname(dir) });
}
const ev = (name: string, props = '{}') => `  ${name}:\n    category: core_loop\n    properties: ${props}\n`;

describe('identity: names that differ only in case or separators', () => {
  it.each([
    ['signup', 'signup'], ['SIGNUP', 'signup'], ['sign_up', 'signup'], ['sign.up', 'signup'], ['Sign-Up', 'signup'], ['$set', '$set'],
  ])('folds %s to %s', (name, folded) => expect(foldName(name)).toBe(folded));

  it.each([
    ['case', 'signup', 'SIGNUP'],
    ['separator', 'sign_up', 'signup'],
    ['dot against underscore', 'workspace.created', 'workspace_created'],
  ])('two events of one domain differing by %s: an error naming both places', (_, a, b) => {
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev(a)}${ev(b)}` });
    const d = r.diagnostics.filter((x) => x.code === 'identity/event');
    expect(d).toHaveLength(1);
    expect(d[0]!.severity).toBe('error');
    expect(d[0]!.message).toContain(`'${a}'`);
    expect(d[0]!.message).toContain(`'${b}'`);
    // The second event is the one reported, and the first is named with its line.
    expect(d[0]!.location).toMatchObject({ file: 'taxonomy/domains/a.yaml', line: 7 });
    expect(d[0]!.message).toContain('taxonomy/domains/a.yaml:4:3');
    expect(r.failed).toBe(true);
  });

  it('the same names in two domains are legitimate (the seed has workspace.created and workspace_created)', () => {
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev('signup')}`, 'domains/b.yaml': `domain: b\nowner: t\nevents:\n${ev('SIGNUP')}` });
    expect(r.diagnostics.filter((x) => x.code.startsWith('identity/'))).toEqual([]);
    expect(r.failed).toBe(false);
  });

  it('property keys of one payload, including the globals it inherits', () => {
    const root = `${ROOT}global_properties:\n  userId: { type: string }\n`;
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nevents:\n${ev('x', '{ user_id: { type: string }, nested: { type: object, properties: { aB: { type: string }, a_b: { type: string } } } }')}` }, root);
    const d = r.diagnostics.filter((x) => x.code === 'identity/property');
    expect(d.map((x) => x.message)).toEqual([
      expect.stringContaining(`property 'user_id' of event 'x' differs from 'userId'`),
      expect.stringContaining(`property 'a_b' of event 'x'.nested differs from 'aB'`),
    ]);
    expect(d[0]!.hint).toContain('exclude_global_properties: [userId]');
  });

  it('$-prefixed vendor names stay apart from plain ones', () => {
    const r = check({ 'domains/a.yaml': `domain: a\nowner: t\nreserved_prefix: $\nevents:\n${ev('$pageview')}${ev('pageview')}` });
    expect(r.diagnostics.filter((x) => x.code.startsWith('identity/'))).toEqual([]);
  });
});
