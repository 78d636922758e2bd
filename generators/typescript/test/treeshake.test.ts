import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { repo, seed } from './helpers.js';

/** Bundles an entry the way an app would (esbuild, ESM, browser) and returns the output text. */
async function bundle(contents: string): Promise<string> {
  const r = await build({ stdin: { contents, resolveDir: repo, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'browser', minify: false, treeShaking: true, logLevel: 'silent' });
  return r.outputFiles[0]!.text;
}

const model = seed();
const eventsOf = (domain: string) => model.events.filter((e) => e.domain === domain).map((e) => e.name);

describe('tree-shaking (esbuild)', () => {
  it.each([
    ['the domain module', "import { workbench } from '@acme-analytics/tracker/domains/workbench';"],
    ['the package index', "import { workbench } from '@acme-analytics/tracker';"],
  ])('an app importing one domain from %s bundles only that domain', async (_where, imp) => {
    const out = await bundle(`${imp}
import { createTracker, httpSink } from '@taxonomy/runtime';
const core = createTracker({ sink: httpSink({ url: '/events' }), globals: { sessionId: 's' } });
workbench(core).draftCreated({ source: 'chat' });`);
    for (const name of eventsOf('workbench')) expect(out).toContain(JSON.stringify(name));
    for (const d of ['chat_sdk', 'operations', 'posthog_system', 'product', 'slackbot', 'support']) {
      for (const name of eventsOf(d)) expect(out, `${name} (${d}) should not be bundled`).not.toContain(JSON.stringify(name));
    }
    // and the runtime's unused sinks are not bundled either
    for (const unused of ['gtag', 'posthog', 'mixpanel', 'amplitude', 'opentelemetry', 'prom-client']) expect(out).not.toContain(unused);
  });

  it('the whole tracker bundles every domain (the control: the check above can fail)', async () => {
    const out = await bundle("import { createTracker } from '@acme-analytics/tracker';\ncreateTracker({ sink: () => {} }).workbench.draftCreated({ source: 'chat', sessionId: 's' });");
    for (const e of model.events) expect(out).toContain(JSON.stringify(e.name));
  });

  it('one domain is a fraction of the whole', async () => {
    const one = await bundle("import { workbench } from '@acme-analytics/tracker';\nimport { createTracker } from '@taxonomy/runtime';\nworkbench(createTracker({ sink: () => {} })).draftCreated({ source: 'chat', sessionId: 's' });");
    const all = await bundle("import { createTracker } from '@acme-analytics/tracker';\ncreateTracker({ sink: () => {} }).workbench.draftCreated({ source: 'chat', sessionId: 's' });");
    expect(one.length).toBeLessThan(all.length * 0.6);
  });
});
