// The taxonomy the older-versions tracker tests share (TypeScript, Python, Go, the collector):
// `shop.order_completed` keeps version 1 live beside its newest (2), whose shape differs (an
// integer order id and cents against a string id and a total object); `legacy.checkout` keeps
// version 1 beside an event whose plain name is that version's method (`checkout_v1`), so the
// version's method must take another name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadTaxonomyFromFiles, type TaxonomyModel } from '@taxonomy/core';

export const OLDER_VERSIONS_FILES: Record<string, string> = {
  'taxonomy.yaml': 'name: shopfront\nversion: 1.0.0\ndefault_destinations: [warehouse]\n',
  'privacy.yaml': 'classes:\n  internal: { description: Ours., sensitivity: 1, allowed_in_events: true }\nsensitive_keys: [token]\n',
  'destinations.yaml': 'destinations:\n  warehouse: { kind: warehouse, description: Our store. }\n',
  'domains/shop.yaml': `domain: shop
global_properties:
  sessionId: { type: string, required: true }
events:
  order_completed:
    description: An order was paid.
    version: 2
    properties:
      orderId: { type: string, required: true }
      total:
        type: object
        required: true
        properties:
          amount: { type: number, minimum: 0, required: true }
          currency: { type: string, required: true }
      coupon: { type: string }
    versions:
      1:
        description: "Sent by app releases before 4.2 */ \\"\\"\\" \`x\` \\u2028 <b>|</b>\\nsecond line."
        properties:
          orderId: { type: integer, required: true }
          totalCents: { type: integer, minimum: 0, required: true }
`,
  'domains/legacy.yaml': `domain: legacy
events:
  checkout:
    version: 2
    properties:
      step: { type: integer, required: true }
    versions:
      1:
        properties:
          stage: { type: string, required: true }
  checkout_v1:
    properties:
      note: { type: string }
`,
};

/** The model of OLDER_VERSIONS_FILES; throws with the diagnostics when it does not load. */
export function olderVersionsModel(): TaxonomyModel {
  const r = loadTaxonomyFromFiles(Object.entries(OLDER_VERSIONS_FILES).map(([path, contents]) => ({ path, contents })));
  if (!r.model || r.failed) throw new Error(r.diagnostics.map((d) => `${d.location?.file}:${d.location?.line} ${d.message}`).join('\n'));
  return r.model;
}

/** Writes OLDER_VERSIONS_FILES under <root>/taxonomy. */
export function writeOlderVersionsTaxonomy(root: string): void {
  for (const [p, text] of Object.entries(OLDER_VERSIONS_FILES)) {
    const f = join(root, 'taxonomy', p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, text);
  }
}
