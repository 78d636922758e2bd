import { describe, expect, it } from 'vitest';
import { packBatches, unpackBatches, type PackedBatch } from '../src/store/wire.js';

// Three columns: id, properties, n (properties travels apart, so two scalars a row).
const batch = (ids: string[], props: (i: number) => string, extra: Partial<PackedBatch> = {}): PackedBatch => ({
  scalars: ids.flatMap((id, i) => [id, i]),
  props: ids.map((_, i) => props(i)),
  envelopes: [],
  quarantine: [],
  ...extra,
});

describe('the writer thread\'s wire format', () => {
  it('round-trips batches with their properties kept byte for byte (hostile text included)', () => {
    const hostile = ['{"a":"\\n \\u2028 \\"q\\" \\\\"}', '{"emoji":"\ud83d\ude00","nul":"\\u0000"}', '{}', '{"x":"line\\r\\nbreak"}'];
    const batches = [
      batch(['a', 'b\nc', 'd'], (i) => hostile[i]!),
      batch([], () => '{}'),
      batch(['e'], () => hostile[3]!, { envelopes: [['e', 'web', null, '{"k":1}', null]], quarantine: [['sha256:x', null, 'bad', 1, null, '{"p":1}', '[]']] }),
    ];
    expect(unpackBatches(packBatches(batches), 3)).toEqual(batches);
  });

  it('carries a properties text holding a raw line feed inside the header, so the lines still line up', () => {
    const pretty = '{\n  "a": 1\n}';
    const batches = [batch(['a'], () => '{"z":0}'), batch(['b', 'c'], (i) => (i ? pretty : '{"y":1}')), batch(['d'], () => '{"w":2}')];
    const text = packBatches(batches);
    // The header, then one line for each of the two other batches' events.
    expect(text.split('\n')).toHaveLength(3);
    expect(unpackBatches(text, 3)).toEqual(batches);
  });

  it('refuses a packed text whose properties do not match its rows', () => {
    const text = packBatches([batch(['a', 'b'], () => '{}')]);
    expect(() => unpackBatches(text.slice(0, text.lastIndexOf('\n')), 3)).toThrow(/2 events but 1 properties/);
  });
});
