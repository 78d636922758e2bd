// The generated TypeScript package: its types compile and describe the rows, importing one
// function bundles only that one, and taxonomy prose cannot break out of a JSDoc comment.
// (What the functions compute is tested against hand-worked values and the SQL views in
// test/warehouse.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { build } from 'esbuild';
import { loadTaxonomy, type TaxonomyModel } from '@taxonomy/core';
import { jsdocText, metricsGenerator } from '@taxonomy/gen-metrics';

const repo = join(import.meta.dirname, '../../..');
const model = loadTaxonomy(join(repo, 'taxonomy'), { cwd: repo }).model as TaxonomyModel;
const files = metricsGenerator.generate(model, {}) as { path: string; contents: string }[];
const dir = mkdtempSync(join(tmpdir(), 'taxonomy-metrics-'));
for (const f of files) { mkdirSync(dirname(join(dir, 'metrics', f.path)), { recursive: true }); writeFileSync(join(dir, 'metrics', f.path), f.contents); }

function typeErrors(source: string): string[] {
  const file = join(dir, 'use.ts');
  writeFileSync(file, source);
  const program = ts.createProgram([file], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: false, types: [] });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the generated metrics package', () => {
  it('has one exported computeX function per metric', async () => {
    const mod = await import(join(dir, 'metrics/index.js'));
    expect(Object.keys(mod.METRICS).sort()).toEqual(model.metrics.map((m) => m.name).sort());
    expect(typeof mod.computeDeflectionRate).toBe('function');
    expect(typeof mod.computeTimeToCreateWorkflow).toBe('function');
  });

  it('its declarations compile, type each row, and reject wrong use', () => {
    expect(typeErrors(`
import { computeDeflectionRate, computeGrossMerchandiseValue, computeActivationFunnel, indexEvents, type MetricEvent } from './metrics/index.js';
const events: MetricEvent[] = [{ event: 'session_started', timestamp: '2026-01-01T00:00:00Z', properties: { sessionId: 's' } }];
const d = computeDeflectionRate(events, { asOf: Date.now(), window: '30d' });
const rate: number | null = d[0]!.value;
const day: string = d[0]!.bucket;
const gmv = computeGrossMerchandiseValue(indexEvents(events));
const currency: string | null = gmv[0]!.currency;
const steps: number = computeActivationFunnel(events)[0]!.step;
// @ts-expect-error deflection_rate has no group_by column
computeDeflectionRate(events)[0]!.currency;
// @ts-expect-error a rate may be null
const n: number = d[0]!.value;
// @ts-expect-error options are typed
computeDeflectionRate(events, { asOf: {} });
export { rate, day, currency, steps, n };
`)).toEqual([]);
  });

  it('tree-shakes: importing one function bundles only its definition', async () => {
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, "import { computeDeflectionRate } from './metrics/index.js';\nconsole.log(computeDeflectionRate([]));\n");
    const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', minify: false, platform: 'neutral' });
    const text = out.outputFiles[0]!.text;
    expect(text).toContain('"deflection_rate"');
    expect(text).not.toContain('"thumbs_up_rate"');
    expect(text).not.toContain('"activation_funnel"');
    expect(text).not.toMatch(/function funnel\(/);
  });

  it('keeps taxonomy prose inside its JSDoc comment', () => {
    expect(jsdocText('ends here */ export const x = 1; /* and\nnew line')).toBe('ends here *\\/ export const x = 1; /* and new line');
  });
});
