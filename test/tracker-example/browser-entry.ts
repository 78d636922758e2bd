// Bundled for the browser test: the typed tracker over httpSink, driven from the page.
import { createTracker } from '@acme-analytics/tracker';
import { httpSink } from '@taxonomy/runtime';

const tracker = createTracker({
  // Nothing goes out until the page is hidden: what waits must leave by sendBeacon.
  sink: httpSink({ url: '/events', batchSize: 1000, maxPending: 1000, flushIntervalMs: 600_000 }),
  globals: { sessionId: 'browser-session' },
});

declare global {
  interface Window { trackMany(n: number): void; stats(): unknown; ready: boolean }
}
window.trackMany = (n) => {
  for (let i = 0; i < n; i++) tracker.workbench.draftEdited({ draftId: `d-${i}`, editType: 'canvas', intent: 'x'.repeat(900) });
};
window.stats = () => tracker.stats();
window.ready = true;
