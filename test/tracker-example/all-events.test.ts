import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { transform } from 'esbuild';
import { loadTaxonomy } from '@taxonomy/core';
import { buildView } from '@taxonomy/gen-typescript';
import type { Envelope, Sink } from '@taxonomy/runtime';
import { sampleObject, samplePerson } from './sample.js';
import { validateEnvelope } from './validate.js';
import { validateEvent } from '@acme-analytics/validators';

const repo = join(import.meta.dirname, '../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model!;
const view = buildView(model);
const tmp = join(import.meta.dirname, '.tmp');
mkdirSync(tmp, { recursive: true });
const dir = mkdtempSync(join(tmp, 'calls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A test file generated from the taxonomy: one call per event through the typed
 * tracker, with a minimal valid payload (required properties only; what the tracker
 * fills itself, the event time and constants, left out).
 */
function callsFile(): string {
  const lines = [
    "import { createTracker, type TrackerOptions, type TaxonomyTracker } from '@acme-analytics/tracker';",
    '',
    'export function run(options: TrackerOptions): TaxonomyTracker {',
    '  const tracker = createTracker(options);',
  ];
  for (const d of view.domains) {
    for (const ev of d.events) {
      const props = sampleObject(ev.event.properties, ev.autoKeys);
      const person = samplePerson(ev.event);
      lines.push(`  tracker.${d.key}.${ev.method}(${JSON.stringify(props)}${person ? `, ${JSON.stringify(person)}` : ''});`);
    }
  }
  lines.push('  return tracker;', '}', '');
  return lines.join('\n');
}

describe('every seed event is callable through the typed tracker', () => {
  const file = join(dir, 'calls.ts');
  writeFileSync(file, callsFile());

  it('the generated calls type-check under strict tsc', () => {
    const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, types: [] };
    const program = ts.createProgram({ rootNames: [file], options });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    expect(diags).toEqual([]);
  });

  it('run, they deliver one envelope per event, each valid against its JSON Schema', async () => {
    const js = await transform(callsFile(), { loader: 'ts', format: 'esm' });
    const mjs = join(dir, 'calls.mjs');
    writeFileSync(mjs, js.code);
    const { run } = await import(pathToFileURL(mjs).href);
    const got: Envelope[] = [];
    const everything: Sink = { name: 'everything', accepts: { kinds: ['product', 'warehouse', 'log', 'metrics'] }, send: (es) => { got.push(...es); } };
    const tracker = run({ sink: everything, environment: 'production', maxQueue: 10_000 });
    const stats = await tracker.flush(5000);
    expect(stats).toMatchObject({ enqueued: model.events.length, delivered: model.events.length, pending: 0, droppedTotal: 0 });
    expect(got.map((e) => e.event).sort()).toEqual(model.events.map((e) => e.name).sort());
    const errors = got.flatMap(validateEnvelope);
    expect(errors).toEqual([]);
    // and the generated validators (issue 3) agree
    expect(got.flatMap((e) => { const r = validateEvent(e.event, e); return r.ok ? [] : r.errors.map((x) => `${e.event}: ${x.message}`); })).toEqual([]);
    // the runtime filled what the calls left out
    const draft = got.find((e) => e.event === 'workbench.draft_created')!;
    expect(draft.properties.timestamp).toBe(draft.timestamp);
    expect(got.find((e) => e.event === 'signup')!.properties.event_schema_version).toBe(2);
  });
});
