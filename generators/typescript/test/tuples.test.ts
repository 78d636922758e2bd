// Tuples (prefixItems) in the TypeScript tracker's specs: content gating, redaction and the
// sensitive-key exemption reach a tuple's elements by index, so the runtime drops or keeps
// exactly that element (a dropped element becomes null: the others keep their positions).
import { describe, expect, it } from 'vitest';
import { buildView, specValue } from '@taxonomy/gen-typescript';
import { createTracker, type Envelope, type EventSpec } from '@taxonomy/runtime';
import { modelOf } from './helpers.js';

const model = modelOf({
  d: `domain: d
events:
  sent:
    description: Sent.
    properties:
      pair:
        type: array
        privacy: internal
        prefixItems:
          - { type: integer, privacy: internal }
          - { type: string, privacy: content }
          - { type: object, privacy: internal, properties: { token: { type: string, privacy: internal } } }
`,
});

describe('tuples in the tracker specs', () => {
  const ev = buildView(model).domains[0]!.events[0]!;
  const spec = specValue(ev) as unknown as EventSpec & { content?: string[][]; keep?: string[][] };

  it('paths name tuple elements by index', () => {
    expect(spec.content).toEqual([['pair', '1']]);
    expect(spec.keep).toEqual([['pair', '2', 'token']]);
    expect(spec.shapes).toEqual({ tuples: { pair: { kinds: ['integer', 'string', 'object'] } } });
  });

  it('the runtime drops the content element alone and keeps the declared token', async () => {
    const sent: Envelope[] = [];
    const t = createTracker({ sink: (e) => { sent.push(e); } });
    t.track(spec, { pair: [1, 'secret words', { token: 't' }] });
    await t.shutdown(2_000);
    expect(sent.map((e) => e.properties)).toEqual([{ pair: [1, null, { token: 't' }] }]);
  });
});
