import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import ts from 'typescript';
import type { TrackerStats } from '@taxonomy/runtime';
import { events } from '@acme-analytics/tracker/events';
import { startCollector } from './collector.js';

const tmp = join(import.meta.dirname, '.tmp');
mkdirSync(tmp, { recursive: true });
const dir = mkdtempSync(join(tmp, 'app-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const app = join(import.meta.dirname, 'app.ts');

describe('example app → httpSink → local collector', () => {
  it('type-checks under strict tsc', () => {
    const program = ts.createProgram({ rootNames: [app], options: { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true } });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
  });

  it('run as its own process, every event it sends arrives once, complete and valid; metrics-only events become counters', async () => {
    const out = join(dir, 'app.mjs');
    await build({ entryPoints: [app], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
    const collector = await startCollector();
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [out, collector.url], { cwd: dir, timeout: 30_000 });
      const result = JSON.parse(stdout) as { sent: string[]; stats: TrackerStats; metrics: string };
      const toCollector = result.sent.filter((n) => n !== 'runtime_ready');
      expect(collector.stored.map((e) => e.event)).toEqual(toCollector);
      expect(collector.invalid).toEqual([]);
      expect(collector.duplicates).toBe(0);
      // every seed domain is represented: six through the collector, operations (metrics-only) as counters
      const domains = [...new Set(collector.stored.map((e) => events[e.event]!.domain))].sort();
      expect(domains).toEqual(['chat_sdk', 'posthog_system', 'product', 'slackbot', 'support', 'workbench']);
      expect(events.runtime_ready!.domain).toBe('operations');

      const byName = Object.fromEntries(collector.stored.map((e) => [e.event, e]));
      const draft = byName['workbench.draft_created']!;
      expect(draft).toMatchObject({ version: 1, context: { app: 'tracker-example', release: '1.0.0' }, properties: { sessionId: 'sess-1', source: 'chat', draftId: 'd-1', nodeCount: 3 } });
      expect(draft.properties.timestamp).toBe(draft.timestamp);
      expect(byName.signup).toMatchObject({ properties: { environment: 'production', email_domain: 'acme.com', signup_source: 'landing', event_schema_version: 2, auth_method: 'google', user_id: '00000000-0000-4000-8000-00000000abcd' }, person: { $set_once: { email: 'ada@acme.com', signup_source: 'landing' } } });
      expect(byName.csat_submitted!.properties).toMatchObject({ score: 5, maxScore: 5 });
      expect(byName.csat_submitted!.properties.comment).toBeUndefined(); // content class, includeContent off
      expect(byName.thumbs_up!.properties).toMatchObject({ bot_id: 'B0BOT', channel_id: 'C0CHAN', user_id: 'U0USER' });
      expect(byName['workspace.created']!.properties).toMatchObject({ org_id: 'org-1', workspace_id: '00000000-0000-4000-8000-000000000001', app_surface: 'settings' });
      expect(byName.$pageview!.properties).toEqual({ environment: 'production', event_schema_version: 2, user_id: '00000000-0000-4000-8000-00000000abcd', workspace_id: '00000000-0000-4000-8000-000000000001', $current_url: '/acme/issues' });

      expect(result.metrics).toContain('runtime_ready_total{environment="production",runtime_mode="cloud"} 1');
      expect(result.metrics).toContain('runtime_ready_total{environment="production",runtime_mode="local"} 1');
      expect(result.stats).toMatchObject({ enqueued: result.sent.length, delivered: result.sent.length, pending: 0, droppedTotal: 0 });
    } finally {
      await collector.close();
    }
  });
});
