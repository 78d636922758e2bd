// The ts-morph scan of application sources, on fixture files written per test.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanApp, trackerPath } from '@taxonomy/governance';

function app(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gov-app-'));
  for (const [p, text] of Object.entries(files)) { mkdirSync(dirname(join(root, p)), { recursive: true }); writeFileSync(join(root, p), text); }
  return root;
}
const brief = (root: string, opts: Partial<Parameters<typeof scanApp>[0]> = {}) =>
  scanApp({ root, include: ['src/**/*.{ts,tsx,js}'], ...opts }).calls.map((c) => `${c.kind} ${c.kind === 'typed' ? `${c.domainKey}.${c.method}` : c.eventName ?? '<computed>'} ${c.location.file}:${c.location.line}:${c.location.column}`);

describe('scanApp', () => {
  it('finds typed calls on any object path ending in a tracker name, and raw string calls', () => {
    const root = app({
      'src/a.ts': [
        "tracker.workbench.draftCreated({ source: 'chat' });",
        'this.tracker.chatSdk.messageImpression({});',
        'ctx.analytics.tracker.product.signup({});',
        "analytics.track('workbench.draft_created', {});",
        'track(`plain_template`);',
        'track(`dyn_${kind}`);',
        'track(name);',
        'tracker.flush();',
        'other.workbench.draftCreated({});',
      ].join('\n'),
    });
    expect(brief(root)).toEqual([
      'typed workbench.draftCreated src/a.ts:1:1',
      'typed chatSdk.messageImpression src/a.ts:2:1',
      'typed product.signup src/a.ts:3:1',
      'raw workbench.draft_created src/a.ts:4:1',
      'raw plain_template src/a.ts:5:1',
      'raw <computed> src/a.ts:6:1',
    ]);
  });

  it('reads JavaScript and TSX, honours exclude and skips node_modules', () => {
    const root = app({
      'src/b.js': "tracker.shop.checkoutStarted({});\n",
      'src/c.tsx': "export const C = () => <button onClick={() => tracker.shop.productViewed({})}>x</button>;\n",
      'src/c.test.ts': "track('in_a_test');\n",
      'src/node_modules/lib/index.ts': "track('vendored');\n",
    });
    expect(brief(root, { exclude: ['src/**/*.test.ts'] })).toEqual(['typed shop.checkoutStarted src/b.js:1:1', 'typed shop.productViewed src/c.tsx:1:47']);
  });

  it('custom tracker and raw-call names', () => {
    const root = app({ 'src/d.ts': "analytics.shop.checkoutStarted({});\nposthog.capture('signup');\ntracker.shop.checkoutStarted({});\n" });
    expect(brief(root, { tracker: ['analytics'], rawCalls: ['capture'] })).toEqual(['typed shop.checkoutStarted src/d.ts:1:1', 'raw signup src/d.ts:2:1']);
  });

  it('a file that does not parse is scanned as far as it goes, without throwing', () => {
    const root = app({ 'src/broken.ts': "tracker.shop.checkoutStarted({});\nfunction (((\ntrack('after_error');\n" });
    expect(() => brief(root)).not.toThrow();
    expect(brief(root)[0]).toBe('typed shop.checkoutStarted src/broken.ts:1:1');
  });

  it('globs that match nothing give zero files', () => {
    expect(scanApp({ root: app({}), include: ['nothing/**/*.ts'] })).toMatchObject({ files: 0, calls: [] });
  });
});

describe('trackerPath', () => {
  it.each([
    [{ name: 'workbench.draft_created', domain: 'workbench' }, 'workbench.draftCreated'],
    [{ name: 'message_impression', domain: 'chat_sdk' }, 'chatSdk.messageImpression'],
    [{ name: 'NEW_CONVERSATION', domain: 'slackbot' }, 'slackbot.newConversation'],
    [{ name: '$pageview', domain: 'posthog_system' }, 'posthogSystem.pageview'],
    [{ name: 'auth.sign_in.success', domain: 'support' }, 'support.authSignInSuccess'],
    [{ name: 'runtimeReady', domain: 'ops' }, 'ops.runtimeReady'],
  ])('%j → tracker.%s', (e, path) => {
    const p = trackerPath(e);
    expect(`${p.domainKey}.${p.method}`).toBe(path);
  });
});
