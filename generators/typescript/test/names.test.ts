import { describe, expect, it } from 'vitest';
import { buildView, camel, isIdentifier, Namespace, pascal } from '@taxonomy/gen-typescript';
import { modelOf, seed } from './helpers.js';

describe('identifiers', () => {
  it.each([
    ['workbench.draft_created', 'workbenchDraftCreated', 'WorkbenchDraftCreated'],
    ['ADDITIONAL_CHANNEL_CREATED', 'additionalChannelCreated', 'AdditionalChannelCreated'],
    ['$pageview', 'pageview', 'Pageview'],
    ['auth.sign_in.failure', 'authSignInFailure', 'AuthSignInFailure'],
    ['chatti_live.conversation.assigned', 'chattiLiveConversationAssigned', 'ChattiLiveConversationAssigned'],
    ['userID_v2', 'userIdV2', 'UserIdV2'],
    ['1st_login', '_1StLogin', '_1StLogin'],
    ['***', '', ''],
  ])('%s → %s / %s', (name, c, p) => {
    expect(camel(name)).toBe(c);
    expect(pascal(name)).toBe(p);
  });

  it.each([['draftCreated', true], ['$set', true], ['delete', false], ['class', false], ['await', false], ['1x', false], ['a-b', false], ['_x', true]])('isIdentifier(%s) = %s', (s, ok) => {
    expect(isIdentifier(s)).toBe(ok);
  });

  it('a namespace reports collisions, reserved and unsafe names, deterministically and case-insensitively', () => {
    const ns = new Namespace('methods of shop', ['flush'], 'Event');
    expect(ns.claim('shop.order_placed', 'orderPlaced', 'event')).toBe('orderPlaced');
    expect(ns.claim('shop.order.placed', 'orderPlaced', 'event')).toBe('orderPlaced2');
    expect(ns.claim('shop.OrderPlaced', 'OrderPlaced', 'event')).toBe('OrderPlaced3');
    expect(ns.claim('shop.delete', 'delete', 'event')).toBe('deleteEvent');
    expect(ns.claim('shop.then', 'then', 'event')).toBe('thenEvent');
    expect(ns.claim('shop.__proto__', '__proto__', 'event')).toBe('__proto__Event');
    expect(ns.claim('shop.flush', 'flush', 'event')).toBe('flushEvent');
    expect(ns.claim('shop.order-placed', 'orderPlaced', 'event', 'shopOrderPlaced')).toBe('shopOrderPlaced');
    expect(ns.claim('shop.***', '', 'event')).toBe('event');
    expect(ns.notes.map((n) => [n.source, n.chosen])).toEqual([
      ['shop.order.placed', 'orderPlaced2'], ['shop.OrderPlaced', 'OrderPlaced3'], ['shop.delete', 'deleteEvent'], ['shop.then', 'thenEvent'],
      ['shop.__proto__', '__proto__Event'], ['shop.flush', 'flushEvent'], ['shop.order-placed', 'shopOrderPlaced'], ['shop.***', 'event'],
    ]);
    expect(ns.notes[0]!.reason).toBe("'shop.order_placed' already maps to 'orderPlaced'");
  });
});

describe('names of the tracker', () => {
  it('gives every seed event a unique, valid method per domain and strips the domain prefix; the one seed type-name collision is resolved and reported', () => {
    const view = buildView(seed());
    expect(view.notes.map((n) => [n.source, n.chosen, n.reason])).toEqual([
      ['workspace.created', 'SupportWorkspaceCreatedProperties', "'workspace_created' already maps to 'WorkspaceCreatedProperties'"],
    ]);
    const wb = view.domains.find((d) => d.domain.name === 'workbench')!;
    expect(wb.key).toBe('workbench');
    expect(wb.events.find((e) => e.event.name === 'workbench.draft_created')!.method).toBe('draftCreated');
    expect(view.domains.map((d) => d.key)).toEqual(['chatSdk', 'operations', 'posthogSystem', 'product', 'slackbot', 'support', 'workbench']);
    for (const d of view.domains) {
      const methods = d.events.map((e) => e.method);
      expect(new Set(methods).size).toBe(methods.length);
      for (const m of methods) expect(isIdentifier(m)).toBe(true);
    }
    expect(view.domains.flatMap((d) => d.events).length).toBe(seed().events.length);
  });

  // Within a domain, names that fold together are an identity error of the loader; across
  // domains they are legitimate, and the generated names must still be unique.
  it('reports collisions from a real taxonomy in the view (and so in the README and JSDoc)', () => {
    const m = modelOf({
      stats: `domain: stats
events:
  stats.order_placed: { description: One. }
  stats.then: { description: Three. }
`,
      legacy: `domain: legacy
events:
  stats.order.placed: { description: Two. }
`,
    });
    const view = buildView(m);
    const d = view.domains.find((x) => x.domain.name === 'stats')!;
    expect(d.key).toBe('statsEvents');
    expect(d.events.map((e) => [e.event.name, e.method])).toEqual([['stats.order_placed', 'orderPlaced'], ['stats.then', 'thenEvent']]);
    expect(view.notes.map((n) => `${n.scope}: ${n.source} → ${n.chosen}`)).toEqual([
      'domains: stats → statsEvents',
      'methods of statsEvents: stats.then → thenEvent',
      'types: stats.order_placed → StatsOrderPlacedProperties2',
    ]);
  });
});
