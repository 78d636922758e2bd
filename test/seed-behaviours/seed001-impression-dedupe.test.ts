// Seed 001, Message impressions: "Call trackMessageImpression when a message becomes visible.
// Duplicate impressions for the same messageId are ignored." The taxonomy says it
// (message_impression dedupe_by: messageId); the tracker sends the first impression of a
// message and counts each repeat as dropped 'duplicate' (so enqueued = delivered + dropped still
// holds), remembering a bounded number of recent ids (maxDedupeKeys, oldest forgotten first).
// The metric side (message_impressions: distinct messageId) already counts a message once.
import { describe, expect, it } from 'vitest';
import { createTracker } from '@acme-analytics/tracker';
import type { Envelope } from '@taxonomy/runtime';

function setup(options: { maxDedupeKeys?: number; consent?: 'none' | 'analytics' } = {}) {
  const got: Envelope[] = [];
  const tracker = createTracker({ sink: (e) => { got.push(e); }, environment: 'production', globals: { sessionId: 's1' }, ...options });
  return { got, tracker };
}

describe('seed 001: duplicate impressions for the same messageId are ignored', () => {
  it('a message seen three times is sent once; other messages are not affected', async () => {
    const { got, tracker } = setup();
    for (const id of ['m1', 'm1', 'm2', 'm1', 'm3', 'm2']) tracker.chatSdk.messageImpression({ messageId: id });
    const stats = await tracker.flush(1000);
    expect(got.map((e) => e.properties.messageId)).toEqual(['m1', 'm2', 'm3']);
    expect(stats.dropped.duplicate).toBe(3);
    expect(stats.enqueued).toBe(6);
    expect(stats.enqueued).toBe(stats.delivered + stats.droppedTotal + stats.pending);
  });

  it('only impressions are de-duplicated: two chip clicks on the same message are both sent', async () => {
    const { got, tracker } = setup();
    tracker.chatSdk.messageImpression({ messageId: 'm1' });
    tracker.chatSdk.suggestionChipClicked({ messageId: 'm1', partId: 'p1', chipIndex: 0 });
    tracker.chatSdk.suggestionChipClicked({ messageId: 'm1', partId: 'p1', chipIndex: 0 });
    await tracker.flush(1000);
    expect(got.map((e) => e.event)).toEqual(['message_impression', 'suggestion_chip_clicked', 'suggestion_chip_clicked']);
  });

  it('memory is bounded: past maxDedupeKeys ids the oldest is forgotten (and may be sent again)', async () => {
    const { got, tracker } = setup({ maxDedupeKeys: 2 });
    for (const id of ['m1', 'm2', 'm2', 'm3', 'm1', 'm3']) tracker.chatSdk.messageImpression({ messageId: id });
    await tracker.flush(1000);
    // m1 was forgotten when m3 came in (capacity 2), so its second impression is sent; m3 is still remembered.
    expect(got.map((e) => e.properties.messageId)).toEqual(['m1', 'm2', 'm3', 'm1']);
  });

  it('an impression refused by the consent gate does not mark the message as seen', async () => {
    const { got, tracker } = setup({ consent: 'none' });
    tracker.chatSdk.messageImpression({ messageId: 'm1' });
    tracker.setConsent('analytics');
    tracker.chatSdk.messageImpression({ messageId: 'm1' });
    const stats = await tracker.flush(1000);
    expect(got.map((e) => e.properties.messageId)).toEqual(['m1']);
    expect(stats.dropped.consent).toBe(1);
    expect(stats.dropped.duplicate).toBe(0);
  });
});
