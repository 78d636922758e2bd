// Seed 001, CSAT: `session.submitCSAT({ score: 4, maxScore: 5 })` — "submitCSAT validates the
// score range". The taxonomy says it on csat_submitted.score (`maximum_property: maxScore`);
// the generated validators (so the collector) and the tracker (in production too) refuse a
// score above its maxScore with an error that names both values.
import { describe, expect, it } from 'vitest';
import { createTracker } from '@acme-analytics/tracker';
import { validateEvent } from '@acme-analytics/validators';
import type { Envelope, Logger } from '@taxonomy/runtime';

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (...a: unknown[]) => { lines.push(a.map(String).join(' ')); } };
}

const wire = (props: Record<string, unknown>) => ({ event: 'csat_submitted', version: 1, id: 'e1', timestamp: '2026-01-01T00:00:00.000Z', properties: { sessionId: 's1', timestamp: '2026-01-01T00:00:00.000Z', ...props } });

describe('seed 001: a CSAT score is checked against its maxScore', () => {
  it.each([
    [{ score: 4, maxScore: 5 }, true], [{ score: 5, maxScore: 5 }, true], [{ score: 0, maxScore: 5 }, true], [{ score: 9 }, true],
    [{ score: 6, maxScore: 5 }, false], [{ score: 11, maxScore: 10 }, false],
  ])('the generated validator (run by the collector) on %j: ok=%s', (props, ok) => {
    expect(validateEvent('csat_submitted', wire(props)).ok).toBe(ok);
  });

  it('the validator\'s error says which property, the bound and the value', () => {
    const r = validateEvent('csat_submitted', wire({ score: 6, maxScore: 5 }));
    expect(r.ok).toBe(false);
    const text = JSON.stringify((r as { errors: unknown }).errors);
    expect(text).toContain('/properties/score');
    expect(text).toContain('5');
    expect(text).toContain('6');
  });

  it('the tracker refuses a score above maxScore (dropped as invalid, in production too) and sends one within it', async () => {
    const log = logger();
    const got: Envelope[] = [];
    const tracker = createTracker({ sink: (e) => { got.push(e); }, logger: log, environment: 'production', globals: { sessionId: 's1' } });
    tracker.chatSdk.csatSubmitted({ score: 6, maxScore: 5 });
    tracker.chatSdk.csatSubmitted({ score: 5, maxScore: 5 });
    tracker.chatSdk.csatSubmitted({ score: 3 });
    const stats = await tracker.flush(1000);
    expect(got.map((e) => [e.properties.score, e.properties.maxScore])).toEqual([[5, 5], [3, undefined]]);
    expect(stats.dropped.invalid).toBe(1);
    expect(stats.enqueued).toBe(stats.delivered + stats.droppedTotal + stats.pending);
    expect(log.lines).toEqual(["[taxonomy] event 'csat_submitted' refused: property 'score' (6) must be at most 'maxScore' (5). It is dropped as 'invalid'"]);
    for (const e of got) expect(validateEvent('csat_submitted', e).ok).toBe(true);
  });
});
