// Seed 000 (support signals), "Dashboard event to metric mapping": each metric of
// taxonomy/metrics/support.yaml on a small event set, the expected value worked out by hand
// from the seed's row. Grain day is the taxonomy's choice; the seed sets no window.
import { H, envelopes, seedMetricSuite, type SeedCase } from './harness.js';

const AS_OF = Date.UTC(2026, 2, 4, 12); // 2026-03-04 12:00 UTC
const D1 = Date.UTC(2026, 2, 2); // 2026-03-02
const D2 = Date.UTC(2026, 2, 3); // 2026-03-03
const ids = { org_id: 'o1', workspace_id: 'w1', user_id: 'u1' };
const ev = envelopes('sp');
const e = (event: string, ts: number, p: Record<string, unknown> = {}) => ev(event, ts, { ...ids, ...p });
/** An event after as_of: not yet happened when the dashboard is read, so never counted. */
const LATE = AS_OF + H;

const CASES: SeedCase[] = [
  {
    // Seed: "customer_signal.detected with signal_type=dissatisfaction".
    // 03-02: two dissatisfaction signals, one frustration (other type: out) -> 2.
    // 03-03: one dissatisfaction, one without signal_type (out) -> 1. The late one is out.
    metric: 'dissatisfaction_detected',
    asOf: AS_OF,
    events: [
      e('customer_signal.detected', D1 + H, { signal_type: 'dissatisfaction' }),
      e('customer_signal.detected', D1 + 2 * H, { signal_type: 'dissatisfaction' }),
      e('customer_signal.detected', D1 + 3 * H, { signal_type: 'frustration' }),
      e('customer_signal.detected', D2 + H, { signal_type: 'dissatisfaction' }),
      e('customer_signal.detected', D2 + 2 * H),
      e('customer_signal.detected', LATE, { signal_type: 'dissatisfaction' }),
    ],
    expected: [{ bucket: '2026-03-02', value: 2 }, { bucket: '2026-03-03', value: 1 }],
  },
  {
    // Seed: "customer_signal.severe_negative_detected": 03-02 one, 03-03 three -> 1, 3.
    // A plain customer_signal.detected with severity high is not a severe negative event.
    metric: 'severe_negative_count',
    asOf: AS_OF,
    events: [
      e('customer_signal.severe_negative_detected', D1 + H),
      e('customer_signal.severe_negative_detected', D2 + H),
      e('customer_signal.severe_negative_detected', D2 + 2 * H),
      e('customer_signal.severe_negative_detected', D2 + 3 * H),
      e('customer_signal.detected', D2 + H, { severity: 'high' }),
    ],
    expected: [{ bucket: '2026-03-02', value: 1 }, { bucket: '2026-03-03', value: 3 }],
  },
  {
    // Seed: "customer_signal.theme_clustered", per theme (the top themes are those counted most).
    // 03-02: th_a twice, th_b once -> (th_a, 2), (th_b, 1). 03-03: th_a once -> (th_a, 1).
    metric: 'top_friction_themes',
    asOf: AS_OF,
    events: [
      e('customer_signal.theme_clustered', D1 + H, { theme_id: 'th_a' }),
      e('customer_signal.theme_clustered', D1 + 2 * H, { theme_id: 'th_a' }),
      e('customer_signal.theme_clustered', D1 + 3 * H, { theme_id: 'th_b' }),
      e('customer_signal.theme_clustered', D2 + H, { theme_id: 'th_a' }),
    ],
    expected: [
      { bucket: '2026-03-02', theme_id: 'th_a', value: 2 }, { bucket: '2026-03-02', theme_id: 'th_b', value: 1 },
      { bucket: '2026-03-03', theme_id: 'th_a', value: 1 },
    ],
  },
  {
    // Seed: "ai_triage.escalation_triggered": two on 03-03 -> 2. A triage that routed the item
    // with triage_result escalated but no escalation event is not counted (the seed names the event).
    metric: 'escalated_for_human_review',
    asOf: AS_OF,
    events: [
      e('ai_triage.escalation_triggered', D2 + H, { escalation_reason: 'severe_negative' }),
      e('ai_triage.escalation_triggered', D2 + 2 * H, { escalation_reason: 'kb_gap' }),
      e('ai_triage.completed', D2 + H, { triage_result: 'escalated', reply_mode: 'human' }),
    ],
    expected: [{ bucket: '2026-03-03', value: 2 }],
  },
  {
    // Seed: "Auto / assisted / escalated handling split", inputs ai_triage.completed, ai_reply.sent.
    // Four items triaged on 03-02: i1 auto (AI reply sent), i2 auto (sent), i3 assisted (sent),
    // i4 escalated to a human at triage: no AI reply is ever sent for it.
    // Each item once, by its handling: auto 2, assisted 1, human (escalated) 1 -> 2 + 1 + 1 = 4 items.
    // Counting ai_reply.sent alone would give auto 2, assisted 1 and lose i4.
    metric: 'handling_split',
    asOf: AS_OF,
    events: [
      e('ai_triage.completed', D1 + H, { triage_result: 'auto_reply', reply_mode: 'auto' }),
      e('ai_reply.sent', D1 + H + 1000, { reply_mode: 'auto' }),
      e('ai_triage.completed', D1 + 2 * H, { triage_result: 'auto_reply', reply_mode: 'auto' }),
      e('ai_reply.sent', D1 + 2 * H + 1000, { reply_mode: 'auto' }),
      e('ai_triage.completed', D1 + 3 * H, { triage_result: 'assisted_reply', reply_mode: 'assisted' }),
      e('ai_reply.sent', D1 + 3 * H + 1000, { reply_mode: 'assisted' }),
      e('ai_triage.completed', D1 + 4 * H, { triage_result: 'escalated', reply_mode: 'human' }),
      e('ai_triage.escalation_triggered', D1 + 4 * H + 1000),
    ],
    expected: [
      { bucket: '2026-03-02', reply_mode: 'assisted', value: 1 },
      { bucket: '2026-03-02', reply_mode: 'auto', value: 2 },
      { bucket: '2026-03-02', reply_mode: 'human', value: 1 },
    ],
  },
  {
    // Seed input ai_reply.sent of the same module: the replies actually sent, by mode.
    // Same story as above: auto 2, assisted 1; the escalated item has no reply -> no human row.
    metric: 'replies_sent_by_mode',
    asOf: AS_OF,
    events: [
      e('ai_triage.completed', D1 + H, { reply_mode: 'auto' }),
      e('ai_reply.sent', D1 + H + 1000, { reply_mode: 'auto' }),
      e('ai_reply.sent', D1 + 2 * H + 1000, { reply_mode: 'auto' }),
      e('ai_reply.sent', D1 + 3 * H + 1000, { reply_mode: 'assisted' }),
      e('ai_triage.completed', D1 + 4 * H, { reply_mode: 'human' }),
    ],
    expected: [{ bucket: '2026-03-02', reply_mode: 'assisted', value: 1 }, { bucket: '2026-03-02', reply_mode: 'auto', value: 2 }],
  },
  {
    // Seed: "ai_reply.kb_gap_detected", by kind of gap: 03-03 missing 2, weak 1.
    metric: 'kb_gaps_affecting_replies',
    asOf: AS_OF,
    events: [
      e('ai_reply.kb_gap_detected', D2 + H, { kb_gap_type: 'missing' }),
      e('ai_reply.kb_gap_detected', D2 + 2 * H, { kb_gap_type: 'missing' }),
      e('ai_reply.kb_gap_detected', D2 + 3 * H, { kb_gap_type: 'weak' }),
    ],
    expected: [{ bucket: '2026-03-03', kb_gap_type: 'missing', value: 2 }, { bucket: '2026-03-03', kb_gap_type: 'weak', value: 1 }],
  },
  ...resolvedRecovered(),
  {
    // Seed: "interaction.outcome_reopened": 03-02 one, 03-03 one -> 1, 1; a resolved outcome is not a reopen.
    metric: 'reopened_issues',
    asOf: AS_OF,
    events: [
      e('interaction.outcome_reopened', D1 + H),
      e('interaction.outcome_reopened', D2 + H),
      e('interaction.outcome_resolved', D2 + 2 * H),
    ],
    expected: [{ bucket: '2026-03-02', value: 1 }, { bucket: '2026-03-03', value: 1 }],
  },
  {
    // Seed: "interaction.outcome_handoff_completed": three on 03-03 -> 3; a handoff only
    // escalated (ai_triage.escalation_triggered) has not completed.
    metric: 'successful_human_handoff',
    asOf: AS_OF,
    events: [
      e('interaction.outcome_handoff_completed', D2 + H),
      e('interaction.outcome_handoff_completed', D2 + 2 * H),
      e('interaction.outcome_handoff_completed', D2 + 3 * H),
      e('ai_triage.escalation_triggered', D2 + H),
    ],
    expected: [{ bucket: '2026-03-03', value: 3 }],
  },
];

/** "Resolved / recovered": the module total and its two parts, on the same events. */
function resolvedRecovered(): SeedCase[] {
  // 03-02: two resolved, one recovered; 03-03: one recovered; one reopened (not part of it).
  // Total: 03-02 2 + 1 = 3, 03-03 1. Resolved alone: 03-02 2. Recovered alone: 03-02 1, 03-03 1.
  const events = [
    e('interaction.outcome_resolved', D1 + H),
    e('interaction.outcome_resolved', D1 + 2 * H),
    e('interaction.outcome_recovered', D1 + 3 * H),
    e('interaction.outcome_recovered', D2 + H),
    e('interaction.outcome_reopened', D2 + 2 * H),
  ];
  return [
    { metric: 'resolved_recovered', asOf: AS_OF, events, expected: [{ bucket: '2026-03-02', value: 3 }, { bucket: '2026-03-03', value: 1 }] },
    { metric: 'issues_resolved', asOf: AS_OF, events, expected: [{ bucket: '2026-03-02', value: 2 }] },
    { metric: 'interactions_recovered', asOf: AS_OF, events, expected: [{ bucket: '2026-03-02', value: 1 }, { bucket: '2026-03-03', value: 1 }] },
  ];
}

seedMetricSuite('seed 000 (support) dashboard modules mean what the seed says', 'support', CASES);

