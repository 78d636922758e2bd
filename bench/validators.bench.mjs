// `npm run bench -- validators`: events validated per second for a typical 10-property event
// (a synthetic event: uuid, date-time, enums, integers, a boolean, a nested object), in one run:
//   - the generated validators (validateEvent: name lookup, JSON limits, envelope + properties),
//   - ajv compiling the same JSON Schema at run time (ajv-formats, allErrors: the baseline),
//   - zod expressing the same shape.
// Targets: generated ≥ 1x ajv runtime (aim 1.5x), ≥ 3x zod. Also: load time of the generated
// module for 1,000 events (fresh node process each time), against compiling the same 1,000
// schemas with ajv at startup.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { loadTaxonomy } from '@taxonomy/core';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { validatorsGenerator } from '@taxonomy/gen-validators';
import { makeTempTaxonomy } from './make-taxonomy.mjs';
import { median, report, save, timeMs } from './lib.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');
const EVENTS = 1000;
const N = 200_000;

const PAYLOAD = {
  properties: {
    org_id: '12345', timestamp: '2026-01-31T09:30:00Z', session_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    shared_0: '7c9e6679-7425-40de-944b-e07fc1f90ae7', shared_1: 'beta', shared_2: 3, status_0: 'succeeded',
    item_count: 12, is_retry: false, detail: { code: 'AB123', score: 0.5 },
  },
};

/** The same shape in zod: the envelope, closed, with the event's 10 properties. */
function zodSchema(name) {
  return z.strictObject({
    event: z.literal(name),
    version: z.literal(1).optional(),
    id: z.string().min(1).max(128).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    properties: z.strictObject({
      org_id: z.string().regex(/^[0-9]+$/),
      timestamp: z.iso.datetime({ offset: true }),
      session_id: z.uuid(),
      shared_0: z.uuid().optional(),
      shared_1: z.enum(['alpha', 'beta', 'gamma', 'delta', 'epsilon']).optional(),
      shared_2: z.int().min(0).optional(),
      status_0: z.enum(['started', 'succeeded', 'failed', 'cancelled']),
      item_count: z.int().min(0).max(100000).optional(),
      is_retry: z.boolean().optional(),
      detail: z.strictObject({ code: z.string().regex(/^[A-Z]{2}[0-9]{3}$/).optional(), score: z.number().min(0).max(1).optional() }).optional(),
    }),
    context: z.record(z.string(), z.unknown()).optional(),
    dimensions: z.record(z.string(), z.unknown()).optional(),
  });
}

function loop(fn) {
  return () => { for (let i = 0; i < N; i++) if (!fn()) throw new Error('payload judged invalid'); };
}

function nodeMs(script) {
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

export default async function run() {
  const root = makeTempTaxonomy(EVENTS);
  const model = loadTaxonomy(join(root, 'taxonomy'), { cwd: root }).model;
  const event = model.events[0];
  const name = event.name; // area_0.thing_00000_done: the 10 properties of PAYLOAD
  const out = join(root, 'validators');
  mkdirSync(out, { recursive: true });
  const t = performance.now();
  for (const f of await validatorsGenerator.generate(model, {})) writeFileSync(join(out, f.path), f.contents);
  const generateMs = performance.now() - t;
  const url = pathToFileURL(join(out, 'index.js')).href;
  const { validateEvent } = await import(url);

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const schema = eventSchema(model, event);
  const ajvValidate = ajv.compile(schema);
  const envelope = { event: name, ...PAYLOAD };
  const zodType = zodSchema(name);
  if (!validateEvent(name, PAYLOAD).ok || !ajvValidate(envelope) || !zodType.safeParse(envelope).success) throw new Error('the bench payload must be valid for all three');
  const bad = { properties: { ...PAYLOAD.properties, status_0: 'exploded' } };
  if (validateEvent(name, bad).ok || ajvValidate({ event: name, ...bad }) || zodType.safeParse({ event: name, ...bad }).success) throw new Error('the invalid payload must be refused by all three');

  const rate = (ms) => N / (ms / 1000);
  const candidates = {
    'ajv runtime-compiled (baseline)': loop(() => ajvValidate(envelope)),
    'generated validateEvent': loop(() => validateEvent(name, PAYLOAD).ok),
    zod: loop(() => zodType.safeParse(envelope).success),
  };
  // Interleaved rounds, medians per candidate: the machine is shared, so no candidate gets all the quiet time.
  const samples = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
  for (let round = 0; round < 5; round++) {
    for (const [k, fn] of Object.entries(candidates)) samples[k].push(await timeMs(fn, { runs: 3, warmup: round === 0 ? 2 : 0 }));
  }
  const rows = Object.entries(samples).map(([k, xs]) => ({ name: k, value: rate(median(xs)), unit: 'events/s' }));
  report(`valid ${name} (10 properties), ${N.toLocaleString('en-US')} per run, medians of 5 interleaved rounds`, rows, 'ajv runtime-compiled (baseline)');
  const gen = rows[1].value, base = rows[0].value, zodRate = rows[2].value;
  console.log(`  targets: generated ≥ 1x ajv runtime (aim 1.5x): ${(gen / base).toFixed(2)}x; ≥ 3x zod: ${(gen / zodRate).toFixed(2)}x`);

  const invalid = {
    'ajv runtime-compiled (baseline)': () => { for (let i = 0; i < N / 10; i++) ajvValidate({ event: name, ...bad }); },
    'generated validateEvent (errors in words)': () => { for (let i = 0; i < N / 10; i++) validateEvent(name, bad); },
    zod: () => { for (let i = 0; i < N / 10; i++) zodType.safeParse({ event: name, ...bad }); },
  };
  const invalidRows = [];
  for (const [k, fn] of Object.entries(invalid)) invalidRows.push({ name: k, value: (N / 10) / ((await timeMs(fn, { runs: 5 })) / 1000), unit: 'events/s' });
  report('invalid payload (one wrong enum value), for context', invalidRows, 'ajv runtime-compiled (baseline)');

  // Load time: a fresh process imports the generated module; the baseline compiles the same schemas with ajv.
  const schemasFile = join(root, 'schemas.json');
  writeFileSync(schemasFile, JSON.stringify(model.events.map((e) => eventSchema(model, e))));
  const loadRuns = 5;
  const loads = Array.from({ length: loadRuns }, () => nodeMs(`const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`));
  const ajvRequire = JSON.stringify(require.resolve('ajv/dist/2020.js'));
  const formatsRequire = JSON.stringify(require.resolve('ajv-formats'));
  const compiles = Array.from({ length: loadRuns }, () => nodeMs(
    `import { createRequire } from 'node:module'; import { readFileSync } from 'node:fs'; const require = createRequire(import.meta.url);` +
    `const t = performance.now(); const A = require(${ajvRequire}).default; const f = require(${formatsRequire}); const ajv = new A({ strict: false, allErrors: true }); (f.default ?? f)(ajv);` +
    `for (const s of JSON.parse(readFileSync(${JSON.stringify(schemasFile)}, 'utf8'))) ajv.compile(s); console.log(performance.now() - t);`));
  const loadRows = [
    { name: `ajv: compile ${EVENTS} schemas at startup (baseline)`, value: median(compiles), unit: 'ms', higherIsBetter: false },
    { name: `generated module for ${EVENTS} events: import`, value: median(loads), unit: 'ms', higherIsBetter: false },
  ];
  report(`load time, fresh process, median of ${loadRuns} (target: well under 1,000 ms)`, loadRows, loadRows[0].name);
  console.log(`  (generating the ${EVENTS}-event validators took ${Math.round(generateMs)} ms in this process)`);

  rmSync(root, { recursive: true, force: true });
  save('validators', {
    event: name, iterations: N,
    validEventsPerSecond: Object.fromEntries(rows.map((r) => [r.name, Math.round(r.value)])),
    ratios: { generatedVsAjvRuntime: +(gen / base).toFixed(2), generatedVsZod: +(gen / zodRate).toFixed(2) },
    invalidEventsPerSecond: Object.fromEntries(invalidRows.map((r) => [r.name, Math.round(r.value)])),
    loadMs: { generatedModule: Math.round(median(loads)), ajvCompileAtStartup: Math.round(median(compiles)), events: EVENTS },
    generateMs: Math.round(generateMs),
  });
}
