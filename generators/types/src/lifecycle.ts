// Per-property lifecycle in the declarations. json-schema-to-typescript writes `@deprecated`
// for `deprecated: true` and puts the description after it, so the description is where the
// replacement is named (it becomes the tag's text) and where enum values are explained.
import type { JsonSchema } from '@taxonomy/gen-json-schema';

interface Deprecation { readonly renamed_to?: unknown; readonly reason?: string; readonly since?: string; readonly removal?: string }
interface Member { readonly value: unknown; readonly description?: string; readonly stability?: string; readonly deprecated?: Deprecation }

/** Keeps taxonomy text from starting a JSDoc tag (json-schema-to-typescript escapes `*\/` itself). */
export const untagged = (text: string) => text.replace(/\r\n?/g, '\n').replace(/^(\s*)@/gm, '$1\\@');

function deprecationText(d: Deprecation): string {
  return [
    d.renamed_to !== undefined ? `Use \`${String(d.renamed_to)}\` instead.` : '',
    d.since ? `Since ${d.since}.` : '',
    d.reason ?? '',
    d.removal ? `Removal: ${d.removal}.` : '',
    d.renamed_to === undefined && !d.reason ? 'No replacement.' : '',
  ].filter(Boolean).join(' ');
}

function membersText(members: readonly Member[]): string {
  return ['Values:', ...members.map((m) => {
    const status = m.deprecated
      ? ` (deprecated${m.deprecated.renamed_to !== undefined ? `: use ${JSON.stringify(m.deprecated.renamed_to)}` : ''})`
      : m.stability === 'experimental' ? ' (experimental)' : '';
    return `- ${JSON.stringify(m.value)}${status}${m.description ? `: ${m.description}` : ''}`;
  })].join('\n');
}

/**
 * A copy of `schema` whose lifecycle annotations are also in the descriptions (recursively, union
 * variants and pattern shapes included).
 */
export function documentLifecycle(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    if ((k === 'properties' || k === 'patternProperties') && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, JsonSchema>).map(([n, s]) => [n, documentLifecycle(s)]));
    } else if ((k === 'items' || k === 'additionalProperties') && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = documentLifecycle(v as JsonSchema);
    } else if ((k === 'oneOf' || k === 'anyOf') && Array.isArray(v)) {
      out[k] = v.map((s) => (s && typeof s === 'object' ? documentLifecycle(s as JsonSchema) : s));
    } else out[k] = v;
  }
  const dep = schema['x-deprecation'] as Deprecation | undefined;
  const members = schema['x-enum-members'] as readonly Member[] | undefined;
  const parts = [
    schema.deprecated === true ? deprecationText(dep ?? {}) : '',
    schema.description as string | undefined,
    schema['x-stability'] === 'experimental' ? 'Experimental: may change or go without notice.' : '',
    members ? membersText(members) : '',
  ].filter((p): p is string => !!p);
  // Every description is kept from starting a tag (a line `@deprecated …` in a plain
  // description would otherwise deprecate the property).
  if (parts.length) out.description = untagged(parts.join('\n\n'));
  return out;
}
