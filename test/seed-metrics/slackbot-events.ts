// The seed 004 event set shared by the metric test and the compatibility-view test: the rows of
// the seed's analytics table, relative to an instant (the view test uses the real now, because
// the seed's queries filter on datetime('now', ...)). Bot b1 is 'your_bot_id', the literal the
// seed's example queries filter on, so they run verbatim.
import { D, H, envelopes } from './harness.js';

export const B1 = 'your_bot_id';

export function slackbotEvents(asOf: number) {
  /** n days ago, an hour short, so no event sits on a window edge: ago(8) is outside 7 days. */
  const ago = (n: number) => asOf - n * D + H;
  const ev = envelopes('sb');

  type Meta = Record<string, unknown>;
  const rich = (len: number, tz: string, admin: boolean, owner: boolean, botInit: boolean, cron: boolean, botType: string, org: string): Meta => ({
    message_length: len,
    user_info: { real_name: 'Someone', timezone: tz, email: 'someone@example.com' },
    user_metadata: { is_admin: admin, is_owner: owner, is_bot: false, deleted: false },
    conversation_context: { is_thread_continuation: false, is_bot_initiated: botInit, is_cron_job: cron },
    bot_metadata: { bot_type: botType, channel_name: 'data', team_id: 'T1', has_github_monitor: false, organization_name: org },
  });
  const msg = (event: string, n: number, bot: string, user: string, tokens: number | null, metadata: Meta) =>
    ev(event, ago(n), { bot_id: bot, channel_id: 'C1', user_id: user, thread_ts: '1.1', message_ts: '1.2', metadata, ...(tokens === null ? {} : { tokens_used: tokens }) });
  const tokens = (n: number, bot: string, user: string, used: number | null, input: number, output: number) =>
    ev('token_usage', ago(n), { bot_id: bot, channel_id: 'C1', user_id: user, ...(used === null ? {} : { tokens_used: used }), metadata: { input_tokens: input, output_tokens: output, total_tokens: input + output } });
  const other = (event: string, n: number, bot: string, props: Record<string, unknown>) => ev(event, ago(n), { bot_id: bot, channel_id: 'C1', ...props });

  // The rows of the seed's analytics table (bot, user, days ago, tokens_used, metadata):
  return [
    /* c1 */ msg('new_conversation', 1, B1, 'U1', 100, rich(30, 'Europe/Paris', true, false, false, false, 'BotTypeQA', 'Acme')),
    /* c2 */ msg('new_reply', 2, B1, 'U1', 300, rich(120, 'Europe/Paris', true, false, false, false, 'BotTypeQA', 'Acme')),
    /* c3 */ msg('new_reply', 3, B1, 'U2', 200, rich(250, 'America/New_York', false, false, true, true, 'BotTypeQA', 'Acme')),
    /* c4 */ msg('new_conversation', 10, B1, 'U3', null, rich(50, 'America/New_York', false, true, false, false, 'BotTypeGovernance', 'Acme')),
    /* c5 */ msg('new_conversation', 40, B1, 'U2', 1000, rich(10, 'America/New_York', false, false, false, false, 'BotTypeQA', 'Acme')),
    /* c6 */ msg('new_reply', 1, 'b2', 'U4', 50, rich(199, 'Asia/Tokyo', false, false, false, false, 'BotTypeQA', 'Beta')),
    /* c7 */ msg('new_reply', 5, B1, 'U5', 80, { message_length: 40 }),
    /* t1 */ tokens(2, B1, 'U1', 1500, 1000, 500),
    /* t2 */ tokens(6, B1, 'U2', 600, 400, 200),
    /* t3 */ tokens(8, B1, 'U1', 900, 800, 100),
    /* t4 */ tokens(1, 'b2', 'U4', 300, 200, 100),
    /* t5 */ tokens(1, B1, 'U1', null, 10, 5),
    /* f1 */ other('first_successful_query', 4, B1, { user_id: 'U3', tokens_used: 70, metadata: { response_length: 10, tokens_used: 70, model_used: 'm', organization_id: 42, is_first_query: true } }),
    /* j1 */ other('user_joined_channel', 3, B1, { user_id: 'U6', metadata: { user_info: { real_name: 'Six', timezone: 'UTC', email: 'six@example.com' } } }),
    /* u1 */ other('thumbs_up', 1, B1, { user_id: 'U1', message_ts: '1.2', metadata: { user_info: { real_name: 'One', timezone: 'Europe/Paris', email: 'one@example.com' } } }),
    /* u2 */ other('thumbs_up', 2, B1, { user_id: 'U2', message_ts: '1.3' }),
    /* u3 */ other('thumbs_up', 1, 'b2', { user_id: 'U4', message_ts: '1.4' }),
    /* d1 */ other('thumbs_down', 2, B1, { user_id: 'U3', message_ts: '1.5' }),
    /* d2 */ other('thumbs_down', 35, B1, { user_id: 'U1', message_ts: '1.6' }),
    /* s1 */ other('connection_setup_succeeded', 12, B1, { metadata: { organization_id: '42', is_first_sync: true } }),
    /* s2 */ other('connection_setup_succeeded', 11, B1, { metadata: { organization_id: '42', is_first_sync: true } }),
    /* s3 */ other('connection_setup_succeeded', 5, B1, { metadata: { organization_id: '43', is_first_sync: false } }),
    /* s4 */ other('connection_setup_succeeded', 2, 'b2', { metadata: { organization_id: '44', is_first_sync: true } }),
    /* o1 */ other('organization_created', 20, B1, { metadata: { organization_id: 42, organization_name: 'Acme' } }),
  ];
}
