// Seed 001: "Use isOutcomeEvent(event) and outcomeKind(event) from gecx-chat to filter or label",
// over its canonical outcome events (resolution_submitted, resolution_without_escalation,
// csat_submitted, handoff_requested / handoff_converted / handoff_completed, purchase_completed).
// The generated tracker exports both, built from the taxonomy's `outcome:` fields.
import { describe, expect, it } from 'vitest';
import { OUTCOME_KINDS, isOutcomeEvent, outcomeKind } from '../../packages/tracker/index.js';
import { model } from './harness.js';

describe('seed 001: isOutcomeEvent / outcomeKind over the canonical outcome events', () => {
  it.each([
    ['resolution_submitted', 'resolution'], ['resolution_without_escalation', 'resolution'], ['csat_submitted', 'csat'],
    ['handoff_requested', 'handoff'], ['handoff_converted', 'handoff'], ['handoff_completed', 'handoff'], ['purchase_completed', 'purchase'],
  ])('%s is an outcome event of kind %s', (name, kind) => {
    expect(isOutcomeEvent(name)).toBe(true);
    expect(outcomeKind(name)).toBe(kind);
    // An envelope or a stored event is labelled by its name.
    expect(outcomeKind({ event: name, properties: {} } as { event: string })).toBe(kind);
  });

  it('other events, unknown names and junk are not outcomes ("no aliases like conversation_resolved")', () => {
    for (const e of ['session_started', 'message_impression', 'conversation_resolved', 'toString', '__proto__', '', null, undefined, { event: 'hasOwnProperty' }]) {
      expect(isOutcomeEvent(e as string)).toBe(false);
      expect(outcomeKind(e as string)).toBe(null);
    }
  });

  it('is generated from the taxonomy: exactly the events whose YAML sets outcome', () => {
    expect(Object.entries(OUTCOME_KINDS).sort()).toEqual(model.events.filter((e) => e.outcome).map((e) => [e.name, e.outcome]).sort());
    expect(Object.isFrozen(OUTCOME_KINDS)).toBe(true);
  });
});
