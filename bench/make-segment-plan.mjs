// Writes a synthetic Segment tracking plan (Public API shape) of N TRACK rules, shaped
// like a real one: 4 properties shared by every event (same definition), 2 from a pool
// of 30 shared ones, and 4 of the event's own (enum, number range, array of strings,
// nested object). Deterministic (no randomness). Used by interop.bench.mjs and the
// interop tests. Usage: node bench/make-segment-plan.mjs <events> > plan.json
import { pathToFileURL } from 'node:url';

const POOL = 30;

function pooled(k) {
  switch (k % 3) {
    case 0: return { type: 'string', description: `Shared id ${k}.`, format: 'uuid' };
    case 1: return { type: 'string', description: `Shared label ${k}.`, enum: ['alpha', 'beta', 'gamma'] };
    default: return { type: 'integer', description: `Shared count ${k}.`, minimum: 0 };
  }
}

/** The plan as an object: { rules: [...] }. */
export function makeSegmentPlan(n) {
  const rules = [];
  for (let i = 0; i < n; i++) {
    const a = (i * 2) % POOL, b = (i * 2 + 1) % POOL;
    const properties = {
      user_id: { type: 'string', description: 'The user.' },
      session_id: { type: 'string', description: 'The session.' },
      platform: { type: 'string', enum: ['web', 'ios', 'android'], description: 'Where it happened.' },
      sent_at: { type: 'string', format: 'date-time', description: 'When the client sent it.' },
      [`shared_${a}`]: pooled(a),
      [`shared_${b}`]: pooled(b),
      [`status_${i % 7}`]: { type: 'string', enum: ['started', 'succeeded', 'failed'] },
      amount: { type: 'number', minimum: 0, maximum: 1000000, description: `Amount of event ${i}.` },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 20 },
      detail: { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{2}[0-9]{3}$' }, score: { type: 'number' } }, required: ['code'] },
    };
    rules.push({
      key: `object_${Math.floor(i / 10)}.action_${i % 10}`,
      type: 'TRACK',
      version: 1 + (i % 3 === 0 ? 1 : 0),
      jsonSchema: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        description: `Synthetic event ${i}.`,
        properties: {
          context: {},
          traits: { type: 'object' },
          properties: { type: 'object', properties, required: ['user_id', 'platform', `status_${i % 7}`] },
        },
        required: ['properties'],
      },
    });
  }
  return { rules };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(JSON.stringify(makeSegmentPlan(Number(process.argv[2] ?? 2000)), null, 2) + '\n');
}
