// An event with older live versions: the typed tracker emits the newest (its version and its
// properties); older versions are accepted by the collector but have no tracker method.
import { describe, expect, it } from 'vitest';
import { modelOf } from './helpers.js';
import typescriptGenerator from '@taxonomy/gen-typescript';

const model = modelOf({ shop: `domain: shop
events:
  order_completed:
    version: 2
    properties:
      orderId: { type: string, required: true }
      coupon: { type: string }
    versions:
      1:
        properties:
          orderId: { type: integer, required: true }
          totalCents: { type: integer, required: true }
` });

describe('typescript tracker: several live versions', () => {
  it('sends the newest version with its properties', async () => {
    const files = await typescriptGenerator.generate(model, {});
    const js = files.find((f) => f.path === 'domains/shop.js')!.contents;
    expect(js).toMatch(/export const spec_orderCompleted = \{\s+event: "order_completed",\s+version: 2,/);
    const types = files.filter((f) => f.path.endsWith('.d.ts')).map((f) => f.contents).join('\n');
    expect(types).toContain('coupon');
    expect(types).not.toContain('totalCents');
  });
});
