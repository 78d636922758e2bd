// A deterministic Snowplow Iglu registry of `n` self-describing JSON Schemas (no randomness),
// shaped like a real one: 20 vendors, one event name in ten defined by two vendors (each in its
// own namespace), one event in five with an older live model (1-0-0 beside 2-0-0), and payloads
// with strings, formats, enums, bounds, a nested object and an array of objects, and the shapes
// of issue 18.3 (type lists, int64 bounds, maps, json, discriminated oneOf, patternProperties,
// dependencies, arrays without items, open payloads), and those of the lossless Iglu import: one
// event in five with earlier REVISION-ADDITIONs of its model (1-0-0, 1-0-1, 1-1-0), tuples in
// draft-04's items list form, and one event in twenty-five an Iglu context whose root is an array.
// Used by interop.bench.mjs. Usage: node bench/make-iglu-registry.mjs <n> (prints the paths).
const SELF_DESC = 'http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#';

function payload(i, model, revision = 0, addition = 0) {
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
  // An ADDITION adds an optional property; a REVISION tightens a bound.
  if (addition || revision) properties.note = revision ? { type: 'string', maxLength: 200 } : { type: 'string' };
  // The shapes of issue 18.3, spread over the registry as real ones carry them.
  const more = {};
  if (i % 3 === 0) properties.ref_id = { type: ['string', 'integer'], maxLength: 64, minimum: 1, maximum: 9223372036854775807 };
  if (i % 4 === 0) { properties.attributes = { type: 'object', additionalProperties: { type: 'string', maxLength: 100 } }; properties.context = {}; }
  if (i % 6 === 0) {
    properties.payment = { oneOf: [
      { type: 'object', properties: { method: { enum: ['card'] }, last4: { type: 'string', pattern: '^[0-9]{4}$' } }, required: ['method'], additionalProperties: false },
      { type: 'object', properties: { method: { enum: ['invoice'] }, due_days: { type: 'integer', minimum: 0 } }, required: ['method'], additionalProperties: false }] };
  }
  if (i % 8 === 0) properties.labels = { type: 'object', patternProperties: { '^x_[a-z]+$': { type: 'string' } }, additionalProperties: false, maxProperties: 10 };
  if (i % 5 === 1) { properties.coupon = { type: ['string', 'null'] }; properties.discount = { type: 'number' }; more.dependencies = { coupon: ['discount'] }; }
  if (i % 7 === 2) { properties.raw = { type: 'array' }; more.patternProperties = { '^x_': { type: 'string' } }; }
  if (i % 10 === 3) {
    properties.viewport = { type: 'array', items: [{ type: 'integer', minimum: 0 }, { type: 'integer', minimum: 0 }], additionalItems: false };
    properties.samples = { type: 'array', items: [{ enum: ['sd', 'hd'] }], additionalItems: { type: 'integer', minimum: 0 } };
  }
  return { description: `Synthetic event ${i}, model ${model}.`, properties, required: ['item_id', 'quantity'], additionalProperties: i % 9 === 4 ? true : false, ...more };
}

export function makeIgluRegistry(n) {
  const files = [];
  for (let i = 0; files.length < n; i++) {
    const vendors = [`com.vendor${String(i % 20).padStart(2, '0')}`];
    if (i % 10 === 0) vendors.push(`io.partner${String(i % 3)}`);
    const name = `event_${String(i).padStart(5, '0')}`;
    for (const vendor of vendors) {
      const versions = i % 5 === 0 ? [[1, 0, 0], [2, 0, 0]] : i % 5 === 3 ? [[1, 0, 0], [1, 0, 1], [1, 1, 0]] : [[1, 0, 0]];
      for (const [model, revision, addition] of versions) {
        if (files.length >= n) break;
        const version = `${model}-${revision}-${addition}`;
        const p = payload(i, model, revision, addition);
        // A context: the root is an array of the payload's objects.
        const root = i % 25 === 7 ? { description: p.description, type: 'array', minItems: 1, items: { type: 'object', ...p, description: undefined } } : { type: 'object', ...p };
        const body = { $schema: SELF_DESC, self: { vendor, name, format: 'jsonschema', version }, ...root };
        // The int64 bound as written in the file (a JS number would print it rounded).
        files.push({ path: `schemas/${vendor}/${name}/jsonschema/${version}`, text: JSON.stringify(body, null, 2).replace(/9223372036854776000/g, '9223372036854775807') });
      }
    }
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of makeIgluRegistry(Number(process.argv[2] ?? 2000))) console.log(f.path);
}
