// One candidate of `npm run bench -- validators`, measured alone in a fresh process:
//   node bench/validators-candidate.mjs <ajv|generated|zod> <valid|invalid> <setup.json>
// prints the median milliseconds of `runs` timed runs of `calls` validations, after warm-up.
// Alone, because in one process the three candidates shared a heap (with the 1,000-event
// module and its generation's garbage) and a JIT history: the same build measured from 1.6x
// to 4.3x zod between runs. The shapes (payload, zod schema) live here so the parent checks
// the same ones.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { median } from './lib.mjs';

const require = createRequire(import.meta.url);

/** A typical valid payload of the synthetic event `area_0.thing_00000_done` (10 properties). */
export const PAYLOAD = {
  properties: {
    org_id: '12345', timestamp: '2026-01-31T09:30:00Z', session_id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    shared_0: '7c9e6679-7425-40de-944b-e07fc1f90ae7', shared_1: 'beta', shared_2: 3, status_0: 'succeeded',
    item_count: 12, is_retry: false, detail: { code: 'AB123', score: 0.5 },
  },
};

/** The same payload with one wrong enum value. */
export const BAD = { properties: { ...PAYLOAD.properties, status_0: 'exploded' } };

/** The same shape in zod: the envelope, closed, with the event's 10 properties. */
export function zodSchema(name) {
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

/**
 * `{ input, judge }`: `input(payload)` is what the candidate is given (ajv and zod validate the
 * whole envelope, with the name in it; the generated validator takes the name apart), built
 * once, outside the timed loop, and `judge(input)` says whether it is valid. `setup`: the
 * generated module's URL, the event's name and its JSON Schema (for ajv).
 */
export async function candidate(kind, setup) {
  const { name } = setup;
  if (kind === 'generated') {
    const { validateEvent } = await import(setup.url);
    return { input: (payload) => payload, judge: (payload) => validateEvent(name, payload).ok };
  }
  if (kind === 'ajv') {
    const Ajv2020 = require('ajv/dist/2020.js').default;
    const addFormats = require('ajv-formats').default ?? require('ajv-formats');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(setup.schema);
    return { input: (payload) => ({ event: name, ...payload }), judge: (envelope) => validate(envelope) };
  }
  if (kind === 'zod') {
    const type = zodSchema(name);
    return { input: (payload) => ({ event: name, ...payload }), judge: (envelope) => type.safeParse(envelope).success };
  }
  throw new Error(`unknown candidate ${kind}`);
}

async function main([kind, which, setupFile]) {
  const setup = JSON.parse(readFileSync(setupFile, 'utf8'));
  const { input, judge } = await candidate(kind, setup);
  const valid = which === 'valid';
  const payload = input(valid ? PAYLOAD : BAD);
  if (judge(payload) !== valid) throw new Error(`${kind} judged the ${which} payload wrongly`);
  const calls = valid ? setup.calls : Math.floor(setup.calls / 10);
  const run = () => { for (let i = 0; i < calls; i++) if (judge(payload) !== valid) throw new Error('verdict changed'); };
  for (let i = 0; i < 3; i++) run();
  const xs = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run();
    xs.push(performance.now() - t);
  }
  process.stdout.write(`${median(xs)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
