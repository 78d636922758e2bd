// The declarations json-schema-to-typescript writes: every event's envelope and properties
// interfaces and the `AnalyticsEvent` union, from the JSON Schemas.
import type { GenerateContext, TaxonomyModel } from '@taxonomy/core';
import { indent } from './format.js';
import { eventInput } from './input.js';
import { compileCached, prettyCached } from './memo.js';
import type { EventTypeNames } from './names.js';

/** The declarations of every event's envelope and properties, and the `AnalyticsEvent` union. */
export async function compileTypes(
  model: TaxonomyModel,
  names: ReadonlyMap<string, EventTypeNames>,
  formatter: 'indent' | 'prettier',
  salt: string,
  context?: GenerateContext,
): Promise<string> {
  if (model.events.length === 0) return `/** Every event of the taxonomy (it has none yet). */\nexport type AnalyticsEvent = never;\n`;
  const title = 'AnalyticsEvent';
  const description = `Every event of ${model.name} ${model.version}, discriminated on \`event\`.`;
  const members = model.events.map((e) => ({ names: names.get(e.name)!, input: eventInput(model, e, names.get(e.name)!) }));
  if (formatter === 'prettier') return checked(await prettyCached(title, description, members, salt, context), names);
  return indent(checked(await compileCached(title, description, members, salt, context), names));
}

/** json-schema-to-typescript renames on a clash; the map and the union need our names. */
function checked(ts: string, names: ReadonlyMap<string, EventTypeNames>): string {
  const declared = new Set([...ts.matchAll(/^export interface ([\w$]+) \{$/gm)].map((m) => m[1]));
  for (const n of names.values()) {
    for (const t of [n.event, n.properties]) {
      if (!declared.has(t)) throw new Error(`json-schema-to-typescript did not emit interface ${t}`);
    }
  }
  return ts;
}
