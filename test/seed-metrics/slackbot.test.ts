// Seed 004 (slackbot analytics): each metric of taxonomy/metrics/slackbot.yaml is a column of one
// of the seed's "Example Queries" (or a KPI it states in words). One small event set for all of
// them; each expected value is the seed query's answer on it, worked out by hand below.
import { seedMetricSuite, type SeedCase } from './harness.js';
import { B1, slackbotEvents } from './slackbot-events.js';

const AS_OF = Date.UTC(2026, 2, 4, 12);
const EVENTS = slackbotEvents(AS_OF); // bot b1 in the comments below is B1, 'your_bot_id'

// In the 30-day window: everything but c5 (40 days) and d2 (35 days). In the 7-day window: also
// not c4 (10), t3 (8), s1, s2 (12, 11), o1 (20).

const tz = (bot: string, zone: string, value: number | null) => ({ bot_id: bot, metadata__user_info__timezone: zone, value });
const bt = (bot: string, type: string, org: string, value: number | null) => ({ bot_id: bot, metadata__bot_metadata__bot_type: type, metadata__bot_metadata__organization_name: org, value });
const cx = (bot: string, botInit: boolean, cron: boolean, value: number | null) => ({ bot_id: bot, metadata__conversation_context__is_bot_initiated: botInit, metadata__conversation_context__is_cron_job: cron, value });
const ao = (bot: string, admin: boolean, owner: boolean, value: number | null) => ({ bot_id: bot, metadata__user_metadata__is_admin: admin, metadata__user_metadata__is_owner: owner, value });

const EXPECTED: Omit<SeedCase, 'events' | 'asOf'>[] = [
  // "Get total tokens used in the last 7 days": SUM(tokens_used) WHERE tokens_used IS NOT NULL, 7 days.
  // b1: c1 100 + c2 300 + c3 200 + c7 80 + t1 1500 + t2 600 + f1 70 = 2850 (t3 is 8 days old; c4, t5 have none).
  // b2: c6 50 + t4 300 = 350.
  { metric: 'total_tokens_7d', expected: [{ bot_id: B1, value: 2850 }, { bot_id: 'b2', value: 350 }] },
  // "Get unique users in the last 30 days": COUNT(DISTINCT user_id). b1: U1, U2, U3, U5, U6 = 5; b2: U4 = 1.
  { metric: 'unique_users_30d', expected: [{ bot_id: B1, value: 5 }, { bot_id: 'b2', value: 1 }] },
  // "Get event counts by type": per bot and event_type (group_by $event: column event). b1: new_conversation 2 (c1, c4), new_reply 3,
  // token_usage 4, first_successful_query 1, user_joined_channel 1, thumbs_up 2, thumbs_down 1,
  // connection_setup_succeeded 3, organization_created 1; b2: new_reply, token_usage, thumbs_up,
  // connection_setup_succeeded 1 each.
  {
    metric: 'event_counts_by_type',
    expected: [
      ...Object.entries({ new_conversation: 2, new_reply: 3, token_usage: 4, first_successful_query: 1, user_joined_channel: 1, thumbs_up: 2, thumbs_down: 1, connection_setup_succeeded: 3, organization_created: 1 }).map(([t, n]) => ({ bot_id: B1, event: t, value: n })),
      ...['new_reply', 'token_usage', 'thumbs_up', 'connection_setup_succeeded'].map((t) => ({ bot_id: 'b2', event: t, value: 1 })),
    ],
  },
  // "Get analytics across all bots", events = COUNT(*) per bot: b1 2+3+4+1+1+2+1+3+1 = 18; b2 4.
  { metric: 'events_per_bot', expected: [{ bot_id: B1, value: 18 }, { bot_id: 'b2', value: 4 }] },
  // total_tokens = SUM(tokens_used), 30 days: b1 2850 + t3 900 = 3750 (c4 has none); b2 350.
  { metric: 'tokens_per_bot', expected: [{ bot_id: B1, value: 3750 }, { bot_id: 'b2', value: 350 }] },
  // "Get user activity with enriched information": rows with user_id and user_info, per user.
  // b1: U1 c1 + c2 + u1 = 3; U2 c3 = 1; U3 c4 = 1; U6 j1 = 1 (U5's c7 has no user_info); b2: U4 c6 = 1.
  {
    metric: 'interactions_per_user',
    expected: [{ bot_id: B1, user_id: 'U1', value: 3 }, { bot_id: B1, user_id: 'U2', value: 1 }, { bot_id: B1, user_id: 'U3', value: 1 }, { bot_id: B1, user_id: 'U6', value: 1 }, { bot_id: 'b2', user_id: 'U4', value: 1 }],
  },
  // total_tokens of that query: U1 100 + 300 = 400; U2 200; U3 only c4, no tokens: the seed's SQL SUM
  // prints NULL, the taxonomy's sum is 0 (a sum of no values; the same "no tokens used"); U4 50.
  // (U6 joined the channel only: the seed prints NULL tokens for that row; the metric has no row.)
  {
    metric: 'tokens_per_user',
    expected: [{ bot_id: B1, user_id: 'U1', value: 400 }, { bot_id: B1, user_id: 'U2', value: 200 }, { bot_id: B1, user_id: 'U3', value: 0 }, { bot_id: 'b2', user_id: 'U4', value: 50 }],
  },
  // "Get user engagement by timezone": new_conversation/new_reply with a timezone (u1 and j1 are other types).
  // unique_users: b1 Paris {U1} 1, New York {U2, U3} 2; b2 Tokyo 1.
  { metric: 'unique_users_by_timezone', expected: [tz(B1, 'America/New_York', 2), tz(B1, 'Europe/Paris', 1), tz('b2', 'Asia/Tokyo', 1)] },
  // total_interactions: Paris c1, c2 = 2; New York c3, c4 = 2; Tokyo 1.
  { metric: 'interactions_by_timezone', expected: [tz(B1, 'America/New_York', 2), tz(B1, 'Europe/Paris', 2), tz('b2', 'Asia/Tokyo', 1)] },
  // avg_tokens_per_interaction, AVG skips NULL: Paris (100 + 300) / 2 = 200; New York c3 200 (c4 none) = 200; Tokyo 50.
  { metric: 'avg_tokens_per_interaction_by_timezone', expected: [tz(B1, 'America/New_York', 200), tz(B1, 'Europe/Paris', 200), tz('b2', 'Asia/Tokyo', 50)] },
  // "Token usage analysis": token_usage, 7 days, tokens_used not null: b1 t1, t2; b2 t4.
  // avg_input (1000 + 400) / 2 = 700, 200; avg_output (500 + 200) / 2 = 350, 100; avg_total (1500 + 600) / 2 = 1050, 300.
  { metric: 'avg_input_tokens', expected: [{ bot_id: B1, value: 700 }, { bot_id: 'b2', value: 200 }] },
  { metric: 'avg_output_tokens', expected: [{ bot_id: B1, value: 350 }, { bot_id: 'b2', value: 100 }] },
  { metric: 'avg_total_tokens', expected: [{ bot_id: B1, value: 1050 }, { bot_id: 'b2', value: 300 }] },
  // "Bot type activity analysis": messages with a bot_type (not c7). b1 QA/Acme c1, c2, c3; Governance/Acme c4; b2 QA/Beta c6.
  // total_messages 3, 1, 1; unique_users {U1, U2} 2, {U3} 1, 1; avg_message_length (30 + 120 + 250) / 3 = 400/3, 50, 199.
  { metric: 'messages_by_bot_type', expected: [bt(B1, 'BotTypeGovernance', 'Acme', 1), bt(B1, 'BotTypeQA', 'Acme', 3), bt('b2', 'BotTypeQA', 'Beta', 1)] },
  { metric: 'unique_users_by_bot_type', expected: [bt(B1, 'BotTypeGovernance', 'Acme', 1), bt(B1, 'BotTypeQA', 'Acme', 2), bt('b2', 'BotTypeQA', 'Beta', 1)] },
  { metric: 'avg_message_length_by_bot_type', expected: [bt(B1, 'BotTypeGovernance', 'Acme', 50), bt(B1, 'BotTypeQA', 'Acme', 400 / 3), bt('b2', 'BotTypeQA', 'Beta', 199)] },
  // "Conversation context analysis": b1 (not bot-initiated, no cron) c1, c2, c4; (bot-initiated, cron) c3; b2 (no, no) c6.
  // message_count 3, 1, 1; avg_message_length (30 + 120 + 50) / 3 = 200/3, 250, 199; unique_users {U1, U3} 2, 1, 1.
  { metric: 'messages_by_conversation_context', expected: [cx(B1, false, false, 3), cx(B1, true, true, 1), cx('b2', false, false, 1)] },
  { metric: 'avg_message_length_by_conversation_context', expected: [cx(B1, false, false, 200 / 3), cx(B1, true, true, 250), cx('b2', false, false, 199)] },
  { metric: 'unique_users_by_conversation_context', expected: [cx(B1, false, false, 2), cx(B1, true, true, 1), cx('b2', false, false, 1)] },
  // "Message length analysis": Short < 50, Medium < 200, Long otherwise. b1: c1 30 S, c7 40 S, c2 120 M,
  // c4 50 M (50 is not < 50), c3 250 L; b2: c6 199 M (199 < 200). A bot with no short message has no Short row.
  { metric: 'messages_short', expected: [{ bot_id: B1, value: 2 }] },
  { metric: 'messages_medium', expected: [{ bot_id: B1, value: 2 }, { bot_id: 'b2', value: 1 }] },
  { metric: 'messages_long', expected: [{ bot_id: B1, value: 1 }] },
  // avg_tokens_used: Short (100 + 80) / 2 = 90; Medium b1 c2 300 (c4 none) = 300, b2 50; Long 200.
  { metric: 'avg_tokens_short_messages', expected: [{ bot_id: B1, value: 90 }] },
  { metric: 'avg_tokens_medium_messages', expected: [{ bot_id: B1, value: 300 }, { bot_id: 'b2', value: 50 }] },
  { metric: 'avg_tokens_long_messages', expected: [{ bot_id: B1, value: 200 }] },
  // avg_char_length: Short (30 + 40) / 2 = 35; Medium (120 + 50) / 2 = 85, b2 199; Long 250.
  { metric: 'avg_length_short_messages', expected: [{ bot_id: B1, value: 35 }] },
  { metric: 'avg_length_medium_messages', expected: [{ bot_id: B1, value: 85 }, { bot_id: 'b2', value: 199 }] },
  { metric: 'avg_length_long_messages', expected: [{ bot_id: B1, value: 250 }] },
  // "User admin/owner activity patterns": b1 admin c1, c2 (U1); plain c3 (U2); owner c4 (U3); b2 plain c6 (U4).
  // unique_users 1, 1, 1, 1; total_interactions 2, 1, 1, 1; avg_tokens (100 + 300) / 2 = 200, 200,
  // NULL (c4 has none: AVG of no values), 50; avg_message_length (30 + 120) / 2 = 75, 250, 50, 199.
  { metric: 'unique_users_by_admin_owner', expected: [ao(B1, false, false, 1), ao(B1, false, true, 1), ao(B1, true, false, 1), ao('b2', false, false, 1)] },
  { metric: 'interactions_by_admin_owner', expected: [ao(B1, false, false, 1), ao(B1, false, true, 1), ao(B1, true, false, 2), ao('b2', false, false, 1)] },
  { metric: 'avg_tokens_by_admin_owner', expected: [ao(B1, false, false, 200), ao(B1, false, true, null), ao(B1, true, false, 200), ao('b2', false, false, 50)] },
  { metric: 'avg_message_length_by_admin_owner', expected: [ao(B1, false, false, 250), ao(B1, false, true, 50), ao(B1, true, false, 75), ao('b2', false, false, 199)] },
  // Thumbs up share, 30 days: b1 up u1, u2, down d1 (d2 is 35 days old) -> 2 / (2 + 1) = 2/3; b2 1 / 1 = 1.
  { metric: 'thumbs_up_rate', expected: [{ bot_id: B1, value: 2 / 3 }, { bot_id: 'b2', value: 1 }] },
  // Organizations whose first connection was set up (is_first_sync true): s1, s2 (both org 42), s4 (44) -> {42, 44} = 2.
  { metric: 'first_connection_setups', expected: [{ value: 2 }] },
];

seedMetricSuite('seed 004 (slackbot) example queries mean what the seed says', 'slackbot', EXPECTED.map((c) => ({ ...c, events: EVENTS, asOf: AS_OF })));
