import { describe, expect, it } from 'vitest';
import { createTracker } from '@acme-analytics/tracker';
import { validateEvent } from '@acme-analytics/validators';
import type { Envelope, Logger } from '@taxonomy/runtime';

/** The generated validators plugged into the typed tracker: warnings in development, nothing in production. */
function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (...a: unknown[]) => { lines.push(a.map(String).join(' ')); } };
}

// Data that reaches the tracker untyped (parsed JSON, a form) is where the validator earns its keep.
const fromTheWire = JSON.parse('{"source":"email"}') as { source: 'chat' };

describe('validation with the generated validators (validateEvent)', () => {
  it('in development, an invalid event is reported once in plain words and still sent', async () => {
    const log = logger();
    const got: Envelope[] = [];
    const tracker = createTracker({ sink: (e) => { got.push(e); }, validate: validateEvent, environment: 'development', logger: log, globals: { sessionId: 's' } });
    tracker.workbench.draftCreated(fromTheWire);
    tracker.workbench.draftCreated(fromTheWire);
    tracker.workbench.draftCreated({ source: 'chat' });
    await tracker.flush(1000);
    expect(got).toHaveLength(3);
    expect(log.lines).toEqual(["[taxonomy] invalid event 'workbench.draft_created': properties.source must be one of chat, template, blank; got 'email' (sent anyway; validation warns in development and is off in production)"]);
  });

  it('in production, the validator is never called', async () => {
    let calls = 0;
    const counting: typeof validateEvent = ((name: string, payload: unknown) => { calls++; return validateEvent(name, payload); }) as typeof validateEvent;
    const tracker = createTracker({ sink: () => {}, validate: counting, environment: 'production', logger: logger(), globals: { sessionId: 's' } });
    tracker.workbench.draftCreated(fromTheWire);
    await tracker.flush(1000);
    expect(calls).toBe(0);
  });
});
