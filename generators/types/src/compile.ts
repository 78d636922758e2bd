// json-schema-to-typescript over the JSON Schema generator's own event schemas (one
// source of truth), in one call: a root `AnalyticsEvent` that is the oneOf of every
// event, each event a titled $def. One call costs about half of one call per event
// (its per-call setup dominates small schemas), and prettier is skipped (format.ts).
import type { TaxonomyModel } from '@taxonomy/core';
import { eventSchema, type JsonSchema } from '@taxonomy/gen-json-schema';
import { compile } from 'json-schema-to-typescript';
import { indent } from './format.js';
import type { EventTypeNames } from './names.js';

/** The event schema, titled so json-schema-to-typescript names its types ours. */
function titled(model: TaxonomyModel, e: TaxonomyModel['events'][number], names: EventTypeNames): JsonSchema {
  const { $schema: _s, $id: _i, ...schema } = eventSchema(model, e);
  const members = schema.properties as Record<string, JsonSchema>;
  return {
    ...schema,
    title: names.event,
    ...(e.status === 'deprecated' ? { deprecated: true } : {}),
    properties: { ...members, properties: { ...members.properties, title: names.properties } },
  };
}

/** The declarations of every event's envelope and properties, and the `AnalyticsEvent` union. */
export async function compileTypes(model: TaxonomyModel, names: ReadonlyMap<string, EventTypeNames>, formatter: 'indent' | 'prettier' = 'indent'): Promise<string> {
  if (model.events.length === 0) return `/** Every event of the taxonomy (it has none yet). */\nexport type AnalyticsEvent = never;\n`;
  const $defs: JsonSchema = {};
  model.events.forEach((e, i) => { $defs[`e${i}`] = titled(model, e, names.get(e.name)!); });
  const root = {
    title: 'AnalyticsEvent',
    description: `Every event of ${model.name} ${model.version}, discriminated on \`event\`.`,
    oneOf: model.events.map((_, i) => ({ $ref: `#/$defs/e${i}` })),
    $defs,
  };
  const ts = await compile(root as Parameters<typeof compile>[0], 'AnalyticsEvent', {
    bannerComment: '',
    format: formatter === 'prettier',
    unknownAny: true,
    // Free-form objects (context, dimensions) are open; every other object says so itself.
    additionalProperties: true,
    strictIndexSignatures: false,
    declareExternallyReferenced: true,
  });
  // json-schema-to-typescript renames on a clash; the map and the union need our names.
  const declared = new Set([...ts.matchAll(/^export interface ([\w$]+) \{$/gm)].map((m) => m[1]));
  for (const n of names.values()) {
    for (const t of [n.event, n.properties]) {
      if (!declared.has(t)) throw new Error(`json-schema-to-typescript did not emit interface ${t}`);
    }
  }
  return formatter === 'prettier' ? ts : indent(ts);
}
