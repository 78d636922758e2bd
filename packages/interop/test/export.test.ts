import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '@taxonomy/core';
import { exportIglu, exportSegmentPlan, igluName, schemaVer } from '@taxonomy/interop';
import { loadDomain } from './helpers.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default as typeof import('ajv').default;
const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;

const repo = join(import.meta.dirname, '../../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;

describe('export segment', () => {
  const plan = JSON.parse(exportSegmentPlan(model).files[0]!.contents) as { rules: { key?: string; type: string; version: number; jsonSchema: Record<string, any> }[] };

  it('is the body of PUT /tracking-plans/{id}/rules: one TRACK rule per event, key, version and a draft-07 jsonSchema', () => {
    expect(Object.keys(plan)).toEqual(['rules']);
    expect(plan.rules).toHaveLength(model.events.length);
    for (const r of plan.rules) {
      expect(Object.keys(r)).toEqual(['key', 'type', 'version', 'jsonSchema']);
      expect(r.type).toBe('TRACK');
      expect(r.jsonSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(Object.keys(r.jsonSchema.properties)).toEqual(['context', 'traits', 'properties']);
      expect(r.jsonSchema.required).toEqual(['properties']);
    }
    expect(plan.rules.map((r) => r.key)).toEqual(model.events.map((e) => e.name));
  });

  it('every jsonSchema compiles with a draft-07 validator and accepts/rejects payloads as the taxonomy says', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validators = new Map(plan.rules.map((r) => [r.key, ajv.compile(r.jsonSchema)]));
    const created = validators.get('workbench.draft_created')!;
    const ok = { sessionId: 's1', timestamp: '2026-02-02T10:00:00Z', source: 'chat', nodeCount: 3 };
    expect(created({ properties: ok })).toBe(true);
    expect(created({ properties: { ...ok, source: 'fax' } })).toBe(false); // not in the enum
    expect(created({ properties: { ...ok, nodeCount: -1 } })).toBe(false); // minimum 0
    expect(created({ properties: { sessionId: 's1', timestamp: '2026-02-02T10:00:00Z' } })).toBe(false); // source is required
    expect(created({ properties: { ...ok, typo: 1 } })).toBe(false); // closed payload
  });

  it('exports only the domains asked for', () => {
    const only = JSON.parse(exportSegmentPlan(model, { domains: ['workbench'] }).files[0]!.contents).rules;
    expect(only).toHaveLength(16); // seed 002's 15 events and workbench.workflow_created (ours)
  });

  it('says what it cannot carry: person properties of track events', () => {
    const notes = exportSegmentPlan(model).notes.map((n) => n.message);
    expect(notes).toContain("'signup': 2 person properties not exported (Segment sets them with identify, not on a track rule)");
    expect(notes[notes.length - 1]).toMatch(/^137 rules; event metadata \(trigger, category, owner, destinations, status\) and metrics have no place in a Segment plan$/);
  });
});

describe('export iglu', () => {
  const registry = exportIglu(model);
  const schemas = registry.files.map((f) => ({ path: f.path, json: JSON.parse(f.contents) as Record<string, any> }));

  it('lays out schemas/{vendor}/{name}/jsonschema/{SchemaVer}, vendor from taxonomy.yaml, v1 → 1-0-0', () => {
    expect(registry.errors).toEqual([]);
    expect(schemas).toHaveLength(137); // the seeds' 136 events and workbench.workflow_created (ours)
    for (const s of schemas) {
      expect(s.path).toMatch(/^schemas\/com\.acme\/[a-zA-Z0-9_-]+\/jsonschema\/[1-9]\d*-\d+-\d+$/);
      expect(s.json.$schema).toBe('http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#');
      expect(`schemas/${s.json.self.vendor}/${s.json.self.name}/${s.json.self.format}/${s.json.self.version}`).toBe(s.path);
    }
    expect(schemas.map((s) => s.path)).toContain('schemas/com.acme/workbench-draft_created/jsonschema/1-0-0');
    expect(schemas.map((s) => s.path)).toContain('schemas/com.acme/_pageview/jsonschema/1-0-0');
    // workspace_created (product) and workspace.created (support) do not collide.
    expect(schemas.filter((s) => /\/workspace[-_]created\//.test(s.path))).toHaveLength(2);
  });

  it('keeps the event name when the Iglu name differs, and writes draft-04 (boolean exclusive bounds, const as an enum)', () => {
    const s = schemas.find((x) => x.path.includes('/workbench-draft_created/'))!.json;
    expect(s['x-taxonomy-event']).toBe('workbench.draft_created');
    expect(s.properties.source.enum).toEqual(['chat', 'template', 'blank']);
    const all = JSON.stringify(schemas.map((x) => x.json));
    expect(all).not.toMatch(/"exclusive(Minimum|Maximum)":\s*-?\d/);
    const withConst = schemas.flatMap((x) => Object.values(x.json.properties as Record<string, any>)).filter((p) => 'const' in p);
    expect(withConst.length).toBeGreaterThan(0);
    for (const p of withConst) expect(p.enum).toContain(p.const);
  });

  it.each([
    [{ version: 1, extensions: {} }, '1-0-0'], [{ version: 3, extensions: {} }, '3-0-0'],
    [{ version: 2, extensions: { 'x-schemaver': '2-1-4' } }, '2-1-4'], [{ version: 3, extensions: { 'x-schemaver': '2-1-4' } }, '3-0-0'],
  ])('SchemaVer of %j is %s', (e, want) => expect(schemaVer(e)).toBe(want));

  it.each([
    ['workbench.draft_created', {}, 'workbench-draft_created'], ['$pageview', {}, '_pageview'], ['NEW_REPLY', {}, 'NEW_REPLY'], ['link_click', { 'x-iglu-name': 'link-click' }, 'link-click'],
  ])('Iglu name of %s', (name, extensions, want) => expect(igluName({ name, extensions })).toBe(want));

  it('refuses to guess a vendor: no vendor is an error per event with the fix', () => {
    const m = loadDomain('domain: rt\nevents:\n  a_done: {}\n');
    const noVendor = { ...m, vendor: undefined };
    const r = exportIglu(noVendor);
    expect(r.files).toEqual([]);
    expect(r.errors[0]).toMatchObject({ message: "no vendor for 'a_done'", hint: 'set vendor: (reverse DNS, e.g. com.acme) in taxonomy.yaml, or pass --vendor' });
    expect(exportIglu(noVendor, { vendor: 'com.example' }).files.map((f) => f.path)).toEqual(['schemas/com.example/a_done/jsonschema/1-0-0']);
  });

  it('reports two events that would land on the same schema path', () => {
    const m = loadDomain('domain: rt\nevents:\n  a_done: {}\n  b_done: { x-iglu-name: a_done }\n');
    const r = exportIglu(m);
    expect(r.files).toHaveLength(1);
    expect(r.errors.map((e) => e.message)).toEqual(["'b_done' and 'a_done' both become schemas/com.example/a_done/jsonschema/1-0-0"]);
  });
});
