// Conformance runner of the TypeScript runtime: node runner.mjs <case.json> <collector url>.
// Replays the case's calls through the generated events table and prints the stats as JSON.
import { readFileSync } from 'node:fs';
import { createTracker, httpSink } from '@taxonomy/runtime';
import { events } from '@acme-analytics/tracker/events';
import { currencyCodes, sensitiveKeys } from '@acme-analytics/tracker/config';

const [casePath, url] = process.argv.slice(2);
const c = JSON.parse(readFileSync(casePath, 'utf8'));
const o = c.options ?? {};
const sink = httpSink({
  url, batchSize: o.batchSize ?? 20, flushIntervalMs: o.flushIntervalMs ?? 60_000, maxPending: o.maxPending ?? 1000,
  retries: o.retries ?? 5, retryBaseMs: o.retryBaseMs ?? 10, maxRetryAfterMs: o.maxRetryAfterMs ?? 60_000,
});
const tracker = createTracker({
  sink, events, sensitiveKeys, currencyCodes, maxQueue: o.maxQueue ?? 1000, sampleRate: o.sampleRate ?? 1, consent: o.consent ?? undefined,
  includeContent: o.includeContent ?? false, context: o.context ?? undefined, environment: 'production', logger: { warn() {} }, pageLifecycle: false,
});
for (const call of c.calls) {
  if (call.setConsent) tracker.setConsent(call.setConsent);
  else tracker.track(call.event, call.properties ?? {});
}
const s = await tracker.shutdown(30_000);
const dropped = Object.fromEntries(Object.entries(s.dropped).filter(([, n]) => n > 0));
process.stdout.write(JSON.stringify({ enqueued: s.enqueued, delivered: s.delivered, pending: s.pending, dropped }) + '\n');
