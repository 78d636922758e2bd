/**
 * The example app: what a product team writes against the generated tracker.
 * Product and warehouse events go to the collector through httpSink; metrics-only
 * events (seed 003's Prometheus-only ones) become prom-client counters; global
 * properties are supplied once. Run: node app.mjs <collector url>; it prints
 * { sent, stats, metrics } as JSON.
 */
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { createTracker } from '@acme-analytics/tracker';
import { events } from '@acme-analytics/tracker/events';
import { httpSink, type TrackerStats } from '@taxonomy/runtime';
import { prometheusSink } from '@taxonomy/runtime/prometheus';

export const USER = '00000000-0000-4000-8000-00000000abcd';
export const WORKSPACE = '00000000-0000-4000-8000-000000000001';

export async function main(collectorUrl: string): Promise<{ sent: string[]; stats: TrackerStats; metrics: string }> {
  const registry = new Registry();
  const tracker = createTracker({
    sink: [httpSink({ url: collectorUrl }), prometheusSink({ events, registry })],
    globals: { sessionId: 'sess-1', environment: 'production', org_id: 'org-1', workspace_id: WORKSPACE, user_id: USER, bot_id: 'B0BOT' },
    context: { app: 'tracker-example', release: '1.0.0' },
  });
  const sent: string[] = [];
  const track = (name: string, call: () => void) => { call(); sent.push(name); };

  track('workbench.draft_created', () => tracker.workbench.draftCreated({ source: 'chat', draftId: 'd-1', nodeCount: 3 }));
  track('workbench.draft_edited', () => tracker.workbench.draftEdited({ draftId: 'd-1', editType: 'canvas' }));
  track('session_started', () => tracker.chatSdk.sessionStarted({ identityKind: 'guest', resumed: false }));
  track('csat_submitted', () => tracker.chatSdk.csatSubmitted({ score: 5, maxScore: 5, comment: 'Very helpful!' }));
  track('signup', () => tracker.product.signup({ email_domain: 'acme.com', signup_source: 'landing' }, { $set_once: { email: 'ada@acme.com', signup_source: 'landing' } }));
  track('workspace.created', () => tracker.support.workspaceCreated({ app_surface: 'settings' }));
  // Slack ids have their own format: the call overrides the global user_id.
  track('thumbs_up', () => tracker.slackbot.thumbsUp({ channel_id: 'C0CHAN', user_id: 'U0USER', thread_ts: '1700000000.000100', message_ts: '1700000000.000200' }));
  track('$pageview', () => tracker.posthogSystem.pageview({ $current_url: '/acme/issues' }));
  // workspace_id is an event property here, not a global of the operations domain: the compiler asks for it.
  track('runtime_ready', () => tracker.operations.runtimeReady({ workspace_id: WORKSPACE, runtime_id: 'rt-1', runtime_mode: 'cloud', provider: 'claude' }));
  track('runtime_ready', () => tracker.operations.runtimeReady({ workspace_id: WORKSPACE, runtime_id: 'rt-2', runtime_mode: 'local', provider: 'codex' }));

  const stats = await tracker.shutdown(10_000);
  return { sent, stats, metrics: await registry.metrics() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv[2]!).then((r) => { process.stdout.write(JSON.stringify(r) + '\n'); }, (e) => { process.stderr.write(String(e) + '\n'); process.exitCode = 1; });
}
