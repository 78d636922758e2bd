// What json-schema-to-typescript is given for one event (before share.ts): the JSON Schema
// generator's own event schema (one source of truth), titled so the types get our names.
import type { TaxonomyModel } from '@taxonomy/core';
import { eventSchema, type JsonSchema } from '@taxonomy/gen-json-schema';
import { documentLifecycle, untagged } from './lifecycle.js';
import { typeShapes } from './shapes.js';
import type { EventTypeNames } from './names.js';

/** The event schema, titled so json-schema-to-typescript names its types ours. */
export function eventInput(model: TaxonomyModel, e: TaxonomyModel['events'][number], names: EventTypeNames): JsonSchema {
  const { $schema: _s, $id: _i, ...schema } = typeShapes(eventSchema(model, e));
  const members = schema.properties as Record<string, JsonSchema>;
  return {
    ...schema,
    title: names.event,
    ...(typeof schema.description === 'string' ? { description: untagged(schema.description) } : {}),
    ...(e.status === 'deprecated' ? { deprecated: true } : {}),
    properties: { ...members, properties: { ...documentLifecycle(members.properties as JsonSchema), title: names.properties } },
  };
}
