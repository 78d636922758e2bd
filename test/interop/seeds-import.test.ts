// `taxonomy import markdown` on each seed document, compared with the hand-encoded
// domains in taxonomy/. The recovered events are asserted here; every difference
// (events and properties) is in seed-import-diff.json, written by the code (vitest -u)
// and reviewed: it is what a team migrating these docs would still do by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy, loadTaxonomyFromFiles, type TaxonomyModel } from '@taxonomy/core';
import { importMarkdown, type ImportResult } from '@taxonomy/interop';
import { seedsDir, seedsOrSkip } from '../seeds-dir.js';

const repo = join(import.meta.dirname, '../..');
const handEncoded = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;

/** Which hand-encoded domains each seed became. */
const SEEDS: Record<string, { domains: string[]; recovered: number; missing: string[]; stored?: (heading: string) => string }> = {
  '000_312333ec3c634449.txt': { domains: ['support'], recovered: 25, missing: [] },
  // session_idle / session_abandoned appear only inside a run-together sentence.
  '001_1a511382122170e7.txt': { domains: ['chat_sdk'], recovered: 33, missing: ['session_abandoned', 'session_idle'] },
  '002_f6aa0c65518cf4fd.txt': { domains: ['workbench'], recovered: 15, missing: [] },
  '003_4d9def0acab90a57.txt': { domains: ['product', 'operations', 'posthog_system'], recovered: 40, missing: [] },
  // MODAL_SUBMITTED is only mentioned ("replaces the more specific MODAL_SUBMITTED event"): a TODO, not an event.
  // Its headings name the enum members (NEW_CONVERSATION); the store writes their lower-case
  // values into event_type, which is what the taxonomy names the events.
  '004_8d666b970ff41082.txt': { domains: ['slackbot'], recovered: 20, missing: ['modal_submitted'], stored: (n) => n.toLowerCase() },
};

/** The imported domain loaded like taxonomy check would (its categories declared). */
function load(r: ImportResult): TaxonomyModel {
  const cats = [...new Set(r.draft.events.map((e) => e.category).filter((c): c is string => !!c))];
  const res = loadTaxonomyFromFiles([
    { path: 'taxonomy.yaml', contents: 'name: seeds\nversion: 1.0.0\n' },
    { path: `domains/${r.domain}.yaml`, contents: r.yaml },
    ...(cats.length ? [{ path: 'categories.yaml', contents: `categories:\n${cats.map((c) => `  ${c}: { description: ${c} }`).join('\n')}\n` }] : []),
  ]);
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return res.model!;
}

function diff(imported: TaxonomyModel, domains: string[], stored: (n: string) => string = (n) => n) {
  const got = { events: imported.events.map((e) => ({ ...e, name: stored(e.name) })) };
  // Events the taxonomy adds beyond its seed say so (x-not-in-seed): no import of the seed can recover them.
  const want = handEncoded.events.filter((e) => domains.includes(e.domain) && e.extensions['x-not-in-seed'] === undefined);
  const gotNames = new Set(got.events.map((e) => e.name));
  const wantNames = new Set(want.map((e) => e.name));
  const properties: Record<string, { missing?: string[]; extra?: string[] }> = {};
  let wantProps = 0, gotProps = 0;
  for (const w of want) {
    const g = got.events.find((e) => e.name === w.name);
    if (!g) continue;
    const wp = w.properties.map((p) => p.name), gp = g.properties.map((p) => p.name);
    const missing = wp.filter((n) => !gp.includes(n)), extra = gp.filter((n) => !wp.includes(n));
    wantProps += wp.length;
    gotProps += wp.length - missing.length;
    if (missing.length || extra.length) properties[w.name] = { ...(missing.length ? { missing } : {}), ...(extra.length ? { extra } : {}) };
  }
  return {
    events: { recovered: [...wantNames].filter((n) => gotNames.has(n)).length, of: wantNames.size, missing: [...wantNames].filter((n) => !gotNames.has(n)).sort(), extra: [...gotNames].filter((n) => !wantNames.has(n)).sort() },
    properties: { recovered: gotProps, of: wantProps, byEvent: properties },
  };
}

describe.runIf(seedsOrSkip('import markdown on the seed documents'))(`import markdown on the seed documents in ${seedsDir}`, () => {
  let results: Record<string, ImportResult> = {};
  beforeAll(() => {
    results = Object.fromEntries(Object.keys(SEEDS).map((f) => [f, importMarkdown(readFileSync(join(seedsDir, f), 'utf8'), { sourceName: f, domain: 'seed' })]));
  });

  it.each(Object.entries(SEEDS))('%s: recovers the seed\'s events', (file, s) => {
    const r = results[file]!;
    const d = diff(load(r), s.domains, s.stored);
    expect(d.events.recovered).toBe(s.recovered);
    expect(d.events.missing).toEqual(s.missing);
    expect(d.events.extra).toEqual([]);
    expect(r.yaml.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=/);
  });

  it.each(Object.keys(SEEDS))('%s: every unmapped item is a TODO comment in the YAML too', (file) => {
    const r = results[file]!;
    for (const u of r.report.unmapped) expect(r.yaml).toContain(`# TODO(import): ${u.where}: ${u.message}`);
  });

  it('recovers the workbench seed (002, clean Markdown tables) exactly: every event and every property', () => {
    const d = diff(load(results['002_f6aa0c65518cf4fd.txt']!), ['workbench']);
    expect(d.properties).toEqual({ recovered: 73, of: 73, byEvent: {} });
    const m = load(results['002_f6aa0c65518cf4fd.txt']!);
    const edited = m.events.find((e) => e.name === 'workbench.draft_edited')!;
    expect(edited.properties.find((p) => p.name === 'editType')).toMatchObject({ enum: ['chat', 'canvas', 'template_insert'], required: true });
    expect(m.events.find((e) => e.name === 'workbench.approval_requested')!.properties.find((p) => p.name === 'toolIds')).toMatchObject({ type: 'array', items: { type: 'string' }, required: true });
  });

  it('lists every difference from the hand-encoded domains (seed-import-diff.json)', async () => {
    const all = Object.fromEntries(Object.entries(SEEDS).map(([f, s]) => [f, diff(load(results[f]!), s.domains, s.stored)]));
    await expect(JSON.stringify(all, null, 2) + '\n').toMatchFileSnapshot('./seed-import-diff.json');
  });
});
