// Seed 003 (multica product analytics): the north star, the acquisition -> activation ->
// expansion funnels, feedback and the reconciliation metrics, each on a small event set with the
// value worked out by hand from the seed. Three metrics read events the warehouse never receives:
// their definitions are checked like the others, and a test proves the YAML says why.
import { describe, expect, it } from 'vitest';
import { D, H, M, envelopes, model, seedMetricSuite, type SeedCase } from './harness.js';

const AS_OF = Date.UTC(2026, 2, 20, 12); // Friday 2026-03-20 12:00 UTC
const W1 = Date.UTC(2026, 1, 23); // Monday 2026-02-23
const W2 = Date.UTC(2026, 2, 2); // Monday 2026-03-02
const ev = envelopes('pr');
const funnel = (bucket: string, steps: [string, number][]) => steps.map(([event, value], i) => ({ bucket, step: i + 1, event, value }));

const CASES: SeedCase[] = [
  {
    // WAW: distinct workspace_id over the core_loop events, per week.
    // Week 02-23: w1 (Mon, issue_created), w2 (Tue, chat_message_sent), w3 (Thu, agent_created) -> 3.
    // Week 03-02: w1 twice (issue_executed, squad_created) -> 1. A signup (not core loop) of w9 is not activity.
    metric: 'weekly_active_workspaces',
    asOf: AS_OF,
    events: [
      ev('issue_created', W1 + H, { workspace_id: 'w1' }),
      ev('chat_message_sent', W1 + D + H, { workspace_id: 'w2' }),
      ev('agent_created', W1 + 3 * D + H, { workspace_id: 'w3' }),
      ev('issue_executed', W2 + H, { workspace_id: 'w1' }),
      ev('squad_created', W2 + 2 * H, { workspace_id: 'w1' }),
      ev('signup', W2 + H, { workspace_id: 'w9' }),
    ],
    expected: [{ bucket: '2026-02-23', value: 3 }, { bucket: '2026-03-02', value: 1 }],
  },
  {
    // "/ -> signup", per person, 14 days to convert. u1 views then signs up an hour later; u2 only
    // views; u5 views and signs up 17 days later (too late); u3 signs up with no pageview first.
    // Week 02-23: step 1 {u1, u2, u5} 3, step 2 {u1} 1.
    metric: 'acquisition_funnel',
    asOf: AS_OF,
    events: [
      ev('$pageview', W1 + 10 * H, { user_id: 'u1' }), ev('signup', W1 + 11 * H, { user_id: 'u1' }),
      ev('$pageview', W1 + D, { user_id: 'u2' }),
      ev('$pageview', W1 + H, { user_id: 'u5' }), ev('signup', W1 + H + 17 * D, { user_id: 'u5' }),
      ev('signup', W1 + 2 * H, { user_id: 'u3' }),
    ],
    expected: funnel('2026-02-23', [['$pageview', 3], ['signup', 1]]),
  },
  {
    // CTA click -> /download viewed -> installer clicked, within a day. u1 all three; u2 the first
    // two; u3 views the page two days after its click (outside the day); u4 never clicked a CTA.
    // Week 02-23: 3, 2, 1.
    metric: 'download_funnel',
    asOf: AS_OF,
    events: [
      ev('download_intent_expressed', W1 + H, { user_id: 'u1', source: 'landing_hero' }),
      ev('download_page_viewed', W1 + H + M, { user_id: 'u1' }),
      ev('download_initiated', W1 + H + 2 * M, { user_id: 'u1', matched_detect: true }),
      ev('download_intent_expressed', W1 + 2 * H, { user_id: 'u2', source: 'login' }),
      ev('download_page_viewed', W1 + 2 * H + M, { user_id: 'u2' }),
      ev('download_intent_expressed', W1 + 3 * H, { user_id: 'u3', source: 'welcome' }),
      ev('download_page_viewed', W1 + 3 * H + 2 * D, { user_id: 'u3' }),
      ev('download_page_viewed', W1 + 4 * H, { user_id: 'u4' }),
      ev('download_initiated', W1 + 4 * H + M, { user_id: 'u4', matched_detect: true }),
    ],
    expected: funnel('2026-02-23', [['download_intent_expressed', 3], ['download_page_viewed', 2], ['download_initiated', 1]]),
  },
  {
    // matched_detect = false / all download_initiated. Week 02-23: 4 downloads, one miss, one that
    // did not say (counts only below the line) -> 1/4 = 0.25.
    metric: 'download_detect_miss_rate',
    asOf: AS_OF,
    events: [
      ev('download_initiated', W1 + H, { user_id: 'u1', matched_detect: true }),
      ev('download_initiated', W1 + 2 * H, { user_id: 'u2', matched_detect: true }),
      ev('download_initiated', W1 + 3 * H, { user_id: 'u3', matched_detect: false }),
      ev('download_initiated', W1 + 4 * H, { user_id: 'u4' }),
    ],
    expected: [{ bucket: '2026-02-23', value: 0.25 }],
  },
  {
    // Waitlist submissions per week: 2 in week 02-23, 1 in week 03-02.
    metric: 'cloud_waitlist_interest',
    asOf: AS_OF,
    events: [ev('cloud_waitlist_joined', W1 + H, {}), ev('cloud_waitlist_joined', W1 + 2 * D, {}), ev('cloud_waitlist_joined', W2 + H, {})],
    expected: [{ bucket: '2026-02-23', value: 1 + 1 }, { bucket: '2026-03-02', value: 1 }],
  },
  {
    // Activation, per user, in order: u1 does all six steps within a day; u2 stops after creating
    // the workspace (its agent is not the workspace's first, so not the Step 4 signal); u3 only starts.
    // Week 02-23: 3, 2, 2, 1, 1, 1.
    metric: 'activation_funnel',
    asOf: AS_OF,
    events: [
      ...['onboarding_started', 'onboarding_questionnaire_submitted', 'workspace_created'].flatMap((e, i) => [
        ev(e, W1 + H + i * M, { user_id: 'u1' }), ev(e, W1 + 2 * H + i * M, { user_id: 'u2' }),
      ]),
      ev('agent_created', W1 + H + 3 * M, { user_id: 'u1', is_first_agent_in_workspace: true }),
      ev('onboarding_completed', W1 + H + 4 * M, { user_id: 'u1', completion_path: 'full' }),
      ev('issue_executed', W1 + H + 5 * M, { user_id: 'u1' }),
      ev('agent_created', W1 + 2 * H + 3 * M, { user_id: 'u2', is_first_agent_in_workspace: false }),
      ev('onboarding_completed', W1 + 2 * H + 4 * M, { user_id: 'u2', completion_path: 'full' }),
      ev('onboarding_started', W1 + 3 * H, { user_id: 'u3' }),
    ],
    expected: funnel('2026-02-23', [['onboarding_started', 3], ['onboarding_questionnaire_submitted', 2], ['workspace_created', 2], ['agent_created', 1], ['onboarding_completed', 1], ['issue_executed', 1]]),
  },
  ...completions(),
  {
    // Desktop Step 3 scans by outcome: week 02-23 found 2, empty 1.
    metric: 'runtime_detection_outcomes',
    asOf: AS_OF,
    events: [
      ev('onboarding_runtime_detected', W1 + H, { outcome: 'found' }),
      ev('onboarding_runtime_detected', W1 + 2 * H, { outcome: 'found' }),
      ev('onboarding_runtime_detected', W1 + 3 * H, { outcome: 'empty' }),
    ],
    expected: [{ bucket: '2026-02-23', outcome: 'empty', value: 1 }, { bucket: '2026-02-23', outcome: 'found', value: 2 }],
  },
  ...issueBuckets(),
  ...invites(),
  {
    // feedback_submitted / feedback_opened: week 02-23 opened 4, submitted 3 -> 0.75.
    metric: 'feedback_completion_rate',
    asOf: AS_OF,
    events: [...[1, 2, 3, 4].map((i) => ev('feedback_opened', W1 + i * H, {})), ...[1, 2, 3].map((i) => ev('feedback_submitted', W1 + i * H + M, {}))],
    expected: [{ bucket: '2026-02-23', value: 0.75 }],
  },
  {
    // Distinct runtime_id that became ready, by mode and provider, per day. 02-23: r1, r2 local
    // claude (r1 reported twice: one runtime), r3 cloud codex -> (local, claude) 2, (cloud, codex) 1.
    metric: 'runtimes_ready',
    asOf: AS_OF,
    events: [
      ev('runtime_ready', W1 + H, { runtime_id: 'r1', runtime_mode: 'local', provider: 'claude' }),
      ev('runtime_ready', W1 + 2 * H, { runtime_id: 'r1', runtime_mode: 'local', provider: 'claude' }),
      ev('runtime_ready', W1 + 3 * H, { runtime_id: 'r2', runtime_mode: 'local', provider: 'claude' }),
      ev('runtime_ready', W1 + 4 * H, { runtime_id: 'r3', runtime_mode: 'cloud', provider: 'codex' }),
    ],
    expected: [{ bucket: '2026-02-23', runtime_mode: 'cloud', provider: 'codex', value: 1 }, { bucket: '2026-02-23', runtime_mode: 'local', provider: 'claude', value: 2 }],
  },
  {
    // Completed tasks per day, 30 days: 03-10 three completed (a failed terminal status is not a
    // completion), 03-11 one; one 40 days ago is outside the window.
    metric: 'task_completions_prometheus_daily',
    asOf: AS_OF,
    events: [
      ...[1, 2, 3].map((i) => ev('agent_task_completed', Date.UTC(2026, 2, 10) + i * H, { terminal_status: 'completed' })),
      ev('agent_task_completed', Date.UTC(2026, 2, 10) + 5 * H, { terminal_status: 'failed' }),
      ev('agent_task_completed', Date.UTC(2026, 2, 11) + H, { terminal_status: 'completed' }),
      ev('agent_task_completed', AS_OF - 40 * D, { terminal_status: 'completed' }),
    ],
    expected: [{ bucket: '2026-03-10', value: 3 }, { bucket: '2026-03-11', value: 1 }],
  },
  {
    // issue_executed per day, 30 days: 03-10 two, 03-11 one; 40 days ago is out.
    metric: 'issue_executed_daily',
    asOf: AS_OF,
    events: [
      ev('issue_executed', Date.UTC(2026, 2, 10) + H, { workspace_id: 'w1' }), ev('issue_executed', Date.UTC(2026, 2, 10) + 2 * H, { workspace_id: 'w2' }),
      ev('issue_executed', Date.UTC(2026, 2, 11) + H, { workspace_id: 'w1' }), ev('issue_executed', AS_OF - 40 * D, { workspace_id: 'w1' }),
    ],
    expected: [{ bucket: '2026-03-10', value: 2 }, { bucket: '2026-03-11', value: 1 }],
  },
];

/** onboarding_completed by completion_path, and the unknown share, on the same completions. */
function completions(): SeedCase[] {
  // Week 02-23: full 2, runtime_skipped 1, unknown 1 -> unknown share 1/4 = 0.25.
  const events = ['full', 'full', 'runtime_skipped', 'unknown'].map((p, i) => ev('onboarding_completed', W1 + i * H, { completion_path: p }));
  return [
    {
      metric: 'onboarding_completion_paths', asOf: AS_OF, events,
      expected: [{ bucket: '2026-02-23', completion_path: 'full', value: 2 }, { bucket: '2026-02-23', completion_path: 'runtime_skipped', value: 1 }, { bucket: '2026-02-23', completion_path: 'unknown', value: 1 }],
    },
    { metric: 'onboarding_unknown_completion_share', asOf: AS_OF, events, expected: [{ bucket: '2026-02-23', value: 0.25 }] },
  ];
}

/** The ≥1 / ≥2 / ≥5 / ≥10 buckets: workspaces by how many issues they have executed. */
function issueBuckets(): SeedCase[] {
  // Week 02-23: w1 executes 10 issues, w2 5, w3 2, w4 1 (issue_executed fires once per issue).
  // ≥1: {w1..w4} 4. As funnels of N steps, step k counts workspaces with ≥k issues:
  // k=1 4, k=2 3 (w1, w2, w3), k=3..5 2 (w1, w2), k=6..10 1 (w1).
  const counts: Record<string, number> = { w1: 10, w2: 5, w3: 2, w4: 1 };
  const events = Object.entries(counts).flatMap(([w, n], wi) => Array.from({ length: n }, (_, i) => ev('issue_executed', W1 + wi * D + i * H, { workspace_id: w, issue_id: `${w}-i${i}` })));
  const reached = (k: number) => Object.values(counts).filter((n) => n >= k).length; // only the table above, by k
  const steps = (n: number) => funnel('2026-02-23', Array.from({ length: n }, (_, i) => ['issue_executed', reached(i + 1)] as [string, number]));
  return [
    { metric: 'workspaces_issue_executed_ge_1', asOf: AS_OF, events, expected: [{ bucket: '2026-02-23', value: 4 }] },
    { metric: 'workspaces_issue_executed_ge_2', asOf: AS_OF, events, expected: steps(2) },
    { metric: 'workspaces_issue_executed_ge_5', asOf: AS_OF, events, expected: steps(5) },
    { metric: 'workspaces_issue_executed_ge_10', asOf: AS_OF, events, expected: steps(10) },
  ];
}

/** The expansion funnel and the two invite ratios, on the same invites. */
function invites(): SeedCase[] {
  // Week 02-23: w1 sends 2 invites, w2 1, w3 1 (4 sent); w1's are accepted the same day (0 days)
  // and after 5 days, w2's the same day; w3's never. Accepted 3.
  // Funnel per workspace (30 days): sent {w1, w2, w3} 3, accepted {w1, w2} 2.
  // Acceptance rate 3/4 = 0.75 (accepts land in week 02-23: the 5-day one on Sat 02-28).
  // Warm share: days_since_invite 0 among accepted -> 2/3.
  const events = [
    ev('team_invite_sent', W1 + H, { workspace_id: 'w1' }), ev('team_invite_sent', W1 + 2 * H, { workspace_id: 'w1' }),
    ev('team_invite_sent', W1 + H, { workspace_id: 'w2' }), ev('team_invite_sent', W1 + H, { workspace_id: 'w3' }),
    ev('team_invite_accepted', W1 + 3 * H, { workspace_id: 'w1', days_since_invite: 0 }),
    ev('team_invite_accepted', W1 + 5 * D + 2 * H, { workspace_id: 'w1', days_since_invite: 5 }),
    ev('team_invite_accepted', W1 + 4 * H, { workspace_id: 'w2', days_since_invite: 0 }),
  ];
  return [
    { metric: 'expansion_funnel', asOf: AS_OF, events, expected: funnel('2026-02-23', [['team_invite_sent', 3], ['team_invite_accepted', 2]]) },
    { metric: 'team_invite_acceptance_rate', asOf: AS_OF, events, expected: [{ bucket: '2026-02-23', value: 0.75 }] },
    { metric: 'team_invite_warm_acceptance_share', asOf: AS_OF, events, expected: [{ bucket: '2026-02-23', value: 2 / 3 }] },
  ];
}

seedMetricSuite('seed 003 (product) funnels and north star mean what the seed says', 'product', CASES);

describe('seed 003: a metric over events that never reach the warehouse says in the YAML where it lives and why', () => {
  const destinations = (event: string) => model.events.find((e) => e.name === event)!.destinations;
  const offWarehouse = model.metrics.filter((m) => m.events.some((e) => !destinations(e).includes('warehouse')));
  it.each(offWarehouse.map((m) => [m.name, m] as const))('%s', (_n, m) => {
    // The place it names receives every event it reads that the warehouse does not, and the reason is written down.
    const lives = m.extensions['x-lives-in'] as string;
    expect(m.events.filter((e) => !destinations(e).includes('warehouse')).filter((e) => !destinations(e).includes(lives))).toEqual([]);
    expect(String(m.extensions['x-why-not-warehouse'])).toMatch(/never reaches the warehouse/);
  });
  it('they are the Prometheus-only reconciliation metrics and the PostHog $pageview funnel', () => {
    expect(offWarehouse.map((m) => `${m.name}: ${String(m.extensions['x-lives-in'])}`).sort()).toEqual([
      'acquisition_funnel: posthog', 'runtimes_ready: prometheus', 'task_completions_prometheus_daily: prometheus',
    ]);
  });
});
