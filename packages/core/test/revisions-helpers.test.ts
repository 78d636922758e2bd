// revisionsOf / revisionChain / hasRevisions: the earlier revisions of a version as events of
// their own (their own properties and payload rules, the version's number), oldest first.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRevisions, loadTaxonomy, revisionChain, revisionsOf, schemaVer } from '@taxonomy/core';

const fixture = join(import.meta.dirname, '../../../generators/validators/test/fixtures/revisions');
const model = loadTaxonomy(join(fixture, 'taxonomy'), { cwd: fixture }).model!;
const event = (name: string) => model.events.find((e) => e.name === name)!;

describe('revision helpers', () => {
  it('gives each earlier revision as an event with its own properties and the version number', () => {
    const e = event('order_completed');
    const v2 = e.versions[1]!;
    const [r] = revisionsOf(e, v2);
    expect(r!.version).toBe(2);
    expect(r!.name).toBe('order_completed');
    expect(r!.properties.map((p) => p.name)).toEqual(['sessionId', 'orderId', 'total', 'giftNote']);
    expect(r!.versions.map(schemaVer)).toEqual(['2-0-0']);
    expect(r!.description).toContain('totals were not capped yet');
    expect(revisionsOf(e, e.versions[0]!).map((x) => schemaVer(x.versions[0]!))).toEqual(['1-0-0']);
  });

  it('chains a version after its earlier revisions, oldest first', () => {
    const e = event('order_completed');
    expect(revisionChain(e.versions[1]!).map(schemaVer)).toEqual(['2-0-0', '2-1-0']);
    expect(revisionChain(e.versions[0]!).map(schemaVer)).toEqual(['1-0-0', '1-0-1']);
  });

  it('tells events with revisions from others, also models built without the field', () => {
    expect(hasRevisions(event('cart_viewed'))).toBe(true);
    const bare = { ...event('cart_viewed'), versions: [{ ...event('cart_viewed').versions[0]!, revisions: undefined as never }] };
    expect(hasRevisions(bare)).toBe(false);
    expect(revisionsOf(bare, bare.versions[0]!)).toEqual([]);
  });
});
