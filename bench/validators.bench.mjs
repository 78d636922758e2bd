// `npm run bench -- validators`: events validated per second for a typical 10-property event
// (a synthetic event: uuid, date-time, enums, integers, a boolean, a nested object), in one run:
//   - the generated validators (validateEvent: name lookup, JSON limits, envelope + properties),
//   - ajv compiling the same JSON Schema at run time (ajv-formats, allErrors: the baseline),
//   - zod expressing the same shape,
// each alone in a fresh process (validators-candidate.mjs), rounds interleaved.
// Targets: generated ≥ 1x ajv runtime (aim 1.5x), ≥ 3x zod. Also: load time of the generated
// module for 1,000 events (fresh node process each time), against compiling the same 1,000
// schemas with ajv at startup.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadTaxonomy } from '@taxonomy/core';
import { eventSchema } from '@taxonomy/gen-json-schema';
import { validatorsGenerator } from '@taxonomy/gen-validators';
import { makeTempTaxonomy } from './make-taxonomy.mjs';
import { median, report, save } from './lib.mjs';
import { BAD, PAYLOAD, candidate } from './validators-candidate.mjs';

const require = createRequire(import.meta.url);
const EVENTS = 1000;
const N = 200_000;

const CANDIDATE = fileURLToPath(new URL('./validators-candidate.mjs', import.meta.url));
const ROUNDS = 7;

/** Milliseconds per run of `calls` validations of one candidate, in a fresh process (validators-candidate.mjs). */
function candidateMs(kind, which, setupFile) {
  return Number(execFileSync(process.execPath, [CANDIDATE, kind, which, setupFile], { encoding: 'utf8' }).trim());
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

  const setup = { url, name, schema: eventSchema(model, event), calls: N };
  const setupFile = join(root, 'bench-setup.json');
  writeFileSync(setupFile, JSON.stringify(setup));
  // The parent checks the verdicts too (each child checks its own before timing).
  const kinds = { ajv: 'ajv runtime-compiled (baseline)', generated: 'generated validateEvent', zod: 'zod' };
  for (const kind of Object.keys(kinds)) {
    const { input, judge } = await candidate(kind, setup);
    if (!judge(input(PAYLOAD)) || judge(input(BAD))) throw new Error(`${kind} must accept the bench payload and refuse the invalid one`);
  }

  // Each candidate alone in a fresh process, rounds interleaved. This machine has spells of
  // half speed lasting seconds (memory-bound code only: a pure arithmetic loop stays steady),
  // and one process lands in one spell or the other, so each ratio is taken within a round
  // (runs seconds apart) and the median of those is reported, not a ratio of medians.
  const measureAll = (which) => {
    const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round++) for (const k of Object.keys(kinds)) samples[k].push(candidateMs(k, which, setupFile));
    return samples;
  };
  /** Median over rounds of how many times faster `a` was than `b` in the same round. */
  const pairedRatio = (samples, a, b) => median(samples[a].map((ms, r) => samples[b][r] / ms));
  const valid = measureAll('valid');
  const rows = Object.entries(kinds).map(([k, label]) => ({ name: label, value: N / (median(valid[k]) / 1000), unit: 'events/s' }));
  report(`valid ${name} (10 properties), ${N.toLocaleString('en-US')} per run, each candidate alone in a fresh process, medians of ${ROUNDS} interleaved rounds`, rows, kinds.ajv);
  const vsAjv = pairedRatio(valid, 'generated', 'ajv'), vsZod = pairedRatio(valid, 'generated', 'zod');
  console.log(`  targets, median of the ${ROUNDS} rounds' own ratios: generated ≥ 1x ajv runtime (aim 1.5x): ${vsAjv.toFixed(2)}x; ≥ 3x zod: ${vsZod.toFixed(2)}x`);
  console.log(`  per round (thousand events/s): ${Object.keys(kinds).map((k) => `${k} ${valid[k].map((ms) => Math.round(N / ms)).join('/')}`).join('; ')}`);

  const invalid = measureAll('invalid');
  const invalidLabels = { ajv: kinds.ajv, generated: 'generated validateEvent (errors in words)', zod: 'zod' };
  const invalidRows = Object.entries(invalidLabels).map(([k, label]) => ({ name: label, value: (N / 10) / (median(invalid[k]) / 1000), unit: 'events/s' }));
  report('invalid payload (one wrong enum value), for context', invalidRows, kinds.ajv);

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
    ratios: { generatedVsAjvRuntime: +vsAjv.toFixed(2), generatedVsZod: +vsZod.toFixed(2), of: 'median of per-round ratios' },
    invalidEventsPerSecond: Object.fromEntries(invalidRows.map((r) => [r.name, Math.round(r.value)])),
    loadMs: { generatedModule: Math.round(median(loads)), ajvCompileAtStartup: Math.round(median(compiles)), events: EVENTS },
    generateMs: Math.round(generateMs),
  });
}
