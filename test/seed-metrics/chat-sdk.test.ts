// Seed 001 (chat SDK): the pre-built dashboard metrics (computeDeflectionRate, computeCsat,
// computeAverageHandleTime, computeAgentAssistRate, computeGmv) and the session summary
// (getProductAnalyticsSummary()), each on a small event set with the value worked out by hand
// from the seed's definition (and, where the seed gives only a name, the YAML's stated reading).
import { D, H, envelopes, seedMetricSuite, type SeedCase } from './harness.js';

const AS_OF = Date.UTC(2026, 2, 4, 12); // Wednesday 2026-03-04 12:00 UTC
const D1 = Date.UTC(2026, 2, 2); // Monday 2026-03-02
const D2 = Date.UTC(2026, 2, 3);
const W0 = Date.UTC(2026, 1, 23); // Monday 2026-02-23, the week before
const ev = envelopes('cs');
const at = (event: string, ts: number, sessionId: string, p: Record<string, unknown> = {}) => ev(event, ts, { sessionId, ...p });

const CASES: SeedCase[] = [
  {
    // computeDeflectionRate: sessions resolved without escalation / sessions, 7 days, per day.
    // 03-02: s1..s4 start; s1 is marked resolved twice (one session), s2 once; s3 was handed off, s4
    // abandoned -> {s1, s2} / {s1, s2, s3, s4} = 2/4 = 0.5. 03-03: s5 starts and resolves -> 1/1 = 1.
    // s6 started 12 days ago: outside the 7-day window.
    metric: 'deflection_rate',
    asOf: AS_OF,
    events: [
      ...['s1', 's2', 's3', 's4'].map((s, i) => at('session_started', D1 + i * H, s)),
      at('resolution_without_escalation', D1 + 5 * H, 's1'),
      at('resolution_without_escalation', D1 + 6 * H, 's1'),
      at('resolution_without_escalation', D1 + 5 * H, 's2'),
      at('handoff_requested', D1 + 5 * H, 's3'),
      at('session_started', D2 + H, 's5'),
      at('resolution_without_escalation', D2 + 2 * H, 's5'),
      at('session_started', AS_OF - 12 * D, 's6'),
    ],
    expected: [{ bucket: '2026-03-02', value: 0.5 }, { bucket: '2026-03-03', value: 1 }],
  },
  ...csat(),
  {
    // computeAverageHandleTime: average session_ended.durationMs, 7 days, per day.
    // 03-02: (60 000 + 120 000) / 2 = 90 000 ms; 03-03: 30 000 ms; a session ended 10 days ago is out.
    metric: 'average_handle_time',
    asOf: AS_OF,
    events: [
      at('session_ended', D1 + H, 's1', { durationMs: 60_000 }),
      at('session_ended', D1 + 2 * H, 's2', { durationMs: 120_000 }),
      at('session_ended', D2 + H, 's3', { durationMs: 30_000 }),
      at('session_ended', AS_OF - 10 * D, 's4', { durationMs: 999 }),
    ],
    expected: [{ bucket: '2026-03-02', value: 90_000 }, { bucket: '2026-03-03', value: 30_000 }],
  },
  {
    // The AhtHistogram widget: ended sessions of the last 7 days per handle-time bin, each under
    // the greatest edge at or below its duration (edges 0, 1, 3, 5, 10, 15 minutes).
    // 30 s and 59.999 s -> bin 0 (2); exactly 60 s -> bin 60 000 (1); 200 s -> bin 180 000 (1);
    // 1 000 s -> bin 900 000 (1); a session ended 10 days ago is out of the window.
    // Split bot/human: a session where a handoff connected a human agent (handoff_converted, before
    // as_of) is human: s2 and s5. s4 only requested one (bot); s3's connected after as_of (bot).
    // bot: s1 30 s -> 0, s3 60 s -> 60 000, s4 200 s -> 180 000; human: s2 59.999 s -> 0, s5 1 000 s -> 900 000.
    // "all" (the dashboard's sum of the two) is the unsplit histogram: 2, 1, 1, 1.
    metric: 'handle_time_distribution',
    asOf: AS_OF,
    events: [
      at('session_ended', D1 + H, 's1', { durationMs: 30_000 }),
      at('session_ended', D1 + 2 * H, 's2', { durationMs: 59_999 }),
      at('session_ended', D2 + H, 's3', { durationMs: 60_000 }),
      at('session_ended', D2 + 2 * H, 's4', { durationMs: 200_000 }),
      at('session_ended', D2 + 3 * H, 's5', { durationMs: 1_000_000 }),
      at('session_ended', AS_OF - 10 * D, 's6', { durationMs: 400_000 }),
      at('handoff_converted', D1 + H - 1000, 's2'), at('handoff_converted', D2 + 2 * H, 's5'),
      at('handoff_requested', D2 + H, 's4'), at('handoff_converted', AS_OF + H, 's3'),
    ],
    expected: [
      { handled_by: 'bot', durationMs: 0, value: 1 }, { handled_by: 'bot', durationMs: 60_000, value: 1 }, { handled_by: 'bot', durationMs: 180_000, value: 1 },
      { handled_by: 'human', durationMs: 0, value: 1 }, { handled_by: 'human', durationMs: 900_000, value: 1 },
    ],
  },
  {
    // computeAgentAssistRate (the YAML's reading): sessions where the AI completed an answer
    // naturally / sessions where the user asked. 03-02: s1 asks twice, answered naturally; s2's
    // answer was stopped by the user; s3 answered naturally -> {s1, s3} / {s1, s2, s3} = 2/3.
    metric: 'agent_assist_rate',
    asOf: AS_OF,
    events: [
      at('user_message_sent', D1 + H, 's1'), at('user_message_sent', D1 + 2 * H, 's1'),
      at('assistant_response_completed', D1 + 2 * H + 1000, 's1', { finishReason: 'natural' }),
      at('user_message_sent', D1 + H, 's2'),
      at('assistant_response_completed', D1 + H + 1000, 's2', { finishReason: 'stopped' }),
      at('user_message_sent', D1 + H, 's3'),
      at('assistant_response_completed', D1 + H + 1000, 's3', { finishReason: 'natural' }),
    ],
    expected: [{ bucket: '2026-03-02', value: 2 / 3 }],
  },
  ...purchases(),
  ...summary(),
];

/** computeCsat: the average and the distribution, on the same submissions. */
function csat(): SeedCase[] {
  // Week 03-02: scores 5, 5, 4 (of 5); week 02-23: 2 (of 5); 40 days ago: 1 (outside 30 days).
  // average: week 03-02 (5 + 5 + 4) / 3 = 14/3; week 02-23: 2.
  // distribution over 30 days: (5 of 5) 2, (4 of 5) 1, (2 of 5) 1.
  const events = [
    at('csat_submitted', D1 + H, 's1', { score: 5, maxScore: 5 }),
    at('csat_submitted', D1 + 2 * H, 's2', { score: 5, maxScore: 5 }),
    at('csat_submitted', D2 + H, 's3', { score: 4, maxScore: 5 }),
    at('csat_submitted', W0 + H, 's4', { score: 2, maxScore: 5 }),
    at('csat_submitted', AS_OF - 40 * D, 's5', { score: 1, maxScore: 5 }),
  ];
  return [
    { metric: 'average_csat_score', asOf: AS_OF, events, expected: [{ bucket: '2026-02-23', value: 2 }, { bucket: '2026-03-02', value: 14 / 3 }] },
    { metric: 'csat_distribution', asOf: AS_OF, events, expected: [{ score: 2, maxScore: 5, value: 1 }, { score: 4, maxScore: 5, value: 1 }, { score: 5, maxScore: 5, value: 2 }] },
    // summary.averageCsatScore (no window: every submission before as_of): (5 + 5 + 4 + 2 + 1) / 5 = 17/5.
    { metric: 'summary_average_csat_score', asOf: AS_OF, events, expected: [{ value: 17 / 5 }] },
  ];
}

/** computeGmv (GMV / AOV / conversion per currency) and summary.purchaseCount, on the same purchases. */
function purchases(): SeedCase[] {
  // Sessions s1..s4 start on 03-02. Purchases: 03-02 s1 USD 10 and USD 15.5, s2 EUR 20; 03-03 s1 USD 5;
  // 40 days ago USD 100 (outside 30 days); one after as_of (not yet happened).
  // GMV per day and currency: 03-02 USD 10 + 15.5 = 25.5, EUR 20; 03-03 USD 5. Never USD + EUR.
  // AOV: USD (10 + 15.5 + 5) / 3 = 30.5/3; EUR 20 / 1 = 20.
  // Conversion: sessions with a purchase {s1, s2} / sessions {s1..s4} = 2/4 = 0.5 (s0 of 40 days ago is out).
  // purchase_count (no window): every purchase before as_of, 10, 15.5, 20, 5 and the 40-day-old 100 -> 5.
  // GMV by category (computeGmv groupByCategory: quantity × unitPrice of each line, per currency):
  //   USD 10 = home 2 × 2.5 = 5 + books 1 × 5 = 5; USD 15.5 = home 3 × 1.5 = 4.5 + an uncategorised 1 × 11;
  //   EUR 20 = home 4 × 2.5 = 10 + books 2 × 5 = 10; USD 5 was sent without items (GMV only);
  //   the 40-day-old and the future order are outside the window.
  //   -> EUR books 10, EUR home 10; USD (none) 11, USD books 5, USD home 5 + 4.5 = 9.5. Never USD + EUR.
  type Line = { productId: string; name?: string; quantity: number; unitPrice: number; category?: string };
  const buy = (ts: number, s: string, revenue: number, currency: string, items?: Line[]) =>
    at('purchase_completed', ts, s, { orderId: `o-${ts}-${revenue}`, revenue, currency, ...(items ? { items } : {}) });
  const events = [
    ...['s1', 's2', 's3', 's4'].map((s) => at('session_started', D1, s)),
    buy(D1 + H, 's1', 10, 'USD', [{ productId: 'p1', name: 'Mug', quantity: 2, unitPrice: 2.5, category: 'home' }, { productId: 'p2', quantity: 1, unitPrice: 5, category: 'books' }]),
    buy(D1 + 2 * H, 's1', 15.5, 'USD', [{ productId: 'p3', quantity: 3, unitPrice: 1.5, category: 'home' }, { productId: 'p4', quantity: 1, unitPrice: 11 }]),
    buy(D1 + 3 * H, 's2', 20, 'EUR', [{ productId: 'p1', quantity: 4, unitPrice: 2.5, category: 'home' }, { productId: 'p5', quantity: 2, unitPrice: 5, category: 'books' }]),
    buy(D2 + H, 's1', 5, 'USD'),
    at('session_started', AS_OF - 40 * D, 's0'), buy(AS_OF - 40 * D + H, 's0', 100, 'USD', [{ productId: 'p9', quantity: 1, unitPrice: 100, category: 'home' }]),
    buy(AS_OF + H, 's3', 7, 'USD', [{ productId: 'p1', quantity: 7, unitPrice: 1, category: 'home' }]),
  ];
  return [
    {
      metric: 'gross_merchandise_value', asOf: AS_OF, events,
      expected: [{ bucket: '2026-03-02', currency: 'EUR', value: 20 }, { bucket: '2026-03-02', currency: 'USD', value: 25.5 }, { bucket: '2026-03-03', currency: 'USD', value: 5 }],
    },
    {
      metric: 'gmv_by_category', asOf: AS_OF, events,
      expected: [{ currency: 'EUR', items__category: 'books', value: 10 }, { currency: 'EUR', items__category: 'home', value: 10 }, { currency: 'USD', items__category: null, value: 11 }, { currency: 'USD', items__category: 'books', value: 5 }, { currency: 'USD', items__category: 'home', value: 9.5 }],
    },
    { metric: 'average_order_value', asOf: AS_OF, events, expected: [{ currency: 'EUR', value: 20 }, { currency: 'USD', value: 30.5 / 3 }] },
    { metric: 'purchase_conversion_rate', asOf: AS_OF, events, expected: [{ value: 0.5 }] },
    { metric: 'purchase_count', asOf: AS_OF, events, expected: [{ value: 5 }] },
    // summary.grossMerchandiseValue / averageOrderValue (no window: every purchase before as_of):
    // USD 10 + 15.5 + 5 + 100 = 130.5 over 4 orders (130.5/4), EUR 20 over 1; the one after as_of is out.
    { metric: 'summary_gross_merchandise_value', asOf: AS_OF, events, expected: [{ currency: 'EUR', value: 20 }, { currency: 'USD', value: 130.5 }] },
    { metric: 'summary_average_order_value', asOf: AS_OF, events, expected: [{ currency: 'EUR', value: 20 }, { currency: 'USD', value: 130.5 / 4 }] },
  ];
}

/** session.getProductAnalyticsSummary(): one session's events. */
function summary(): SeedCase[] {
  // Impressions: m1 rendered twice ("Duplicate impressions for the same messageId are ignored"), m2, m3
  // -> 3 impressions. Chip clicks 2 -> click-through 2/3.
  // Tool approvals: 4 requested; 2 granted, 1 denied, 1 never answered -> 2/4 = 0.5.
  // Handoffs: 2 requested, 1 connected -> 1/2 = 0.5.
  // Resolutions: markResolved 3 times, 2 of them without escalation -> 2/3.
  const s = 's1';
  const events = [
    at('message_impression', D1 + 1000, s, { messageId: 'm1' }), at('message_impression', D1 + 2000, s, { messageId: 'm1' }),
    at('message_impression', D1 + 3000, s, { messageId: 'm2' }), at('message_impression', D1 + 4000, s, { messageId: 'm3' }),
    at('suggestion_chip_clicked', D1 + 5000, s, { messageId: 'm1' }), at('suggestion_chip_clicked', D1 + 6000, s, { messageId: 'm2' }),
    ...[1, 2, 3, 4].map((i) => at('tool_approval_requested', D1 + i * 10_000, s, { toolName: 'refund' })),
    at('tool_approval_resolved', D1 + 51_000, s, { approved: true }), at('tool_approval_resolved', D1 + 52_000, s, { approved: true }),
    at('tool_approval_resolved', D1 + 53_000, s, { approved: false }),
    at('handoff_requested', D1 + 60_000, s), at('handoff_requested', D1 + 61_000, s), at('handoff_converted', D1 + 62_000, s),
    at('resolution_submitted', D1 + 70_000, s), at('resolution_submitted', D1 + 71_000, s), at('resolution_submitted', D1 + 72_000, s),
    at('resolution_without_escalation', D1 + 70_000, s), at('resolution_without_escalation', D1 + 71_000, s),
  ];
  return [
    { metric: 'message_impressions', asOf: AS_OF, events, expected: [{ value: 3 }] },
    { metric: 'suggestion_chip_click_through_rate', asOf: AS_OF, events, expected: [{ value: 2 / 3 }] },
    { metric: 'tool_approval_rate', asOf: AS_OF, events, expected: [{ value: 0.5 }] },
    { metric: 'handoff_conversion_rate', asOf: AS_OF, events, expected: [{ value: 0.5 }] },
    { metric: 'resolution_without_escalation_rate', asOf: AS_OF, events, expected: [{ value: 2 / 3 }] },
  ];
}

seedMetricSuite('seed 001 (chat SDK) dashboard and session summary metrics mean what the seed says', 'chat_sdk', CASES);
