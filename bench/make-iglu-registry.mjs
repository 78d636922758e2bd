// A deterministic Snowplow Iglu registry of `n` self-describing JSON Schemas (no randomness),
// shaped like a real one: 20 vendors, one event name in ten defined by two vendors (each in its
// own namespace), one event in five with an older live model (1-0-0 beside 2-0-0), and payloads
// with strings, formats, enums, bounds, a nested object and an array of objects.
// Used by interop.bench.mjs. Usage: node bench/make-iglu-registry.mjs <n> (prints the paths).
const SELF_DESC = 'http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#';

function payload(i, model) {
  const properties = {
    item_id: { type: 'string', maxLength: 64, description: `Item of event ${i}.` },
    quantity: { type: 'integer', minimum: 0, maximum: 10000 },
    price: { type: 'number', minimum: 0 },
    currency: { type: 'string', enum: ['EUR', 'GBP', 'USD'] },
    occurred_at: { type: 'string', format: 'date-time' },
    address: { type: 'object', properties: { city: { type: 'string' }, zip: { type: 'string', pattern: '^[0-9]{5}$' } }, additionalProperties: false },
    tags: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' } }, required: ['key'], additionalProperties: false }, maxItems: 20 },
  };
  if (model === 2) properties[`extra_${i % 7}`] = { type: 'boolean' };
  return { description: `Synthetic event ${i}, model ${model}.`, properties, required: ['item_id', 'quantity'], additionalProperties: false };
}

export function makeIgluRegistry(n) {
  const files = [];
  for (let i = 0; files.length < n; i++) {
    const vendors = [`com.vendor${String(i % 20).padStart(2, '0')}`];
    if (i % 10 === 0) vendors.push(`io.partner${String(i % 3)}`);
    const name = `event_${String(i).padStart(5, '0')}`;
    for (const vendor of vendors) {
      const models = i % 5 === 0 ? [1, 2] : [1];
      for (const model of models) {
        if (files.length >= n) break;
        const version = `${model}-0-0`;
        const body = { $schema: SELF_DESC, self: { vendor, name, format: 'jsonschema', version }, type: 'object', ...payload(i, model) };
        files.push({ path: `schemas/${vendor}/${name}/jsonschema/${version}`, text: JSON.stringify(body, null, 2) });
      }
    }
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of makeIgluRegistry(Number(process.argv[2] ?? 2000))) console.log(f.path);
}
