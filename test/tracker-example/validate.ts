import { createRequire } from 'node:module';
import type { Envelope } from '@taxonomy/runtime';
import { schemaFor } from '@acme-analytics/schemas';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default ?? require('ajv-formats');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const cache = new Map<string, (x: unknown) => boolean>();

/** Validates an envelope against the generated JSON Schema of its event; returns the errors (empty when valid). */
export function validateEnvelope(e: Envelope): string[] {
  let v = cache.get(e.event) as ((x: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] } | undefined;
  if (!v) {
    const schema = schemaFor(e.event);
    if (!schema) return [`no schema for '${e.event}'`];
    v = ajv.compile(schema) as (x: unknown) => boolean;
    cache.set(e.event, v);
  }
  return v(e) ? [] : (v.errors ?? []).map((x) => `${e.event}${x.instancePath} ${x.message}`);
}
