import { eventAtVersion, revisionsOf, schemaVer, stableJson, type GenerateContext, type GeneratedFile, type Generator, type TaxonomyModel, generatedPackageName } from '@taxonomy/core';
import { bundledRuntime } from './bundle-memo.js';
import { compiledChunks } from './chunk-memo.js';
import { planChunks, type Wanted } from './chunks.js';
import { link, runtimeEntry, RUNTIME_BINDING } from './link.js';
import { declarations } from './declarations.js';
import type { JsonSchema } from '@taxonomy/gen-json-schema';
import { envelopeSchema, eventValidatorSchemas } from './schemas.js';

export { stripAnnotations, envelopeSchema, eventValidatorSchemas } from './schemas.js';

export interface ValidatorsOptions {
  /** npm name of the generated package. Default: the taxonomy's `packages.validators`, else `@<name>/validators`. */
  packageName?: string;
  /** Deepest nesting of objects and arrays a payload may have (the payload is level 1). Default 32. */
  maxDepth?: number;
  /** Largest payload, in characters as JSON would count them. Default 1,000,000. */
  maxSize?: number;
  /** Most errors listed for one payload; the rest are counted. Default 20. */
  maxErrors?: number;
  /** Minify runtime.js (the bundled runtime; the compiled validators are left as ajv writes them). Default false. */
  minify?: boolean;
}

const NAME = 'validators';
/** Bump when the output changes for the same input (it keys the memo of compiled chunks too). */
const VERSION = '4';

interface Limits { maxDepth: number; maxSize: number; maxErrors: number }

function packageName(model: TaxonomyModel, o: ValidatorsOptions): string {
  return generatedPackageName(model, 'validators', o.packageName);
}

/** Per domain, the keys of `properties` that come from globals (for "a global property" in messages). */
function globalsByDomain(model: TaxonomyModel): Record<string, Record<string, 'global' | 'domain'>> {
  const out: Record<string, Record<string, 'global' | 'domain'>> = {};
  for (const e of model.events) {
    for (const p of e.properties) if (p.origin !== 'event') (out[e.domain] ??= {})[p.name] = p.origin;
  }
  return JSON.parse(stableJson(out)) as Record<string, Record<string, 'global' | 'domain'>>;
}

/**
 * index.js: the compiled validators, linked, and the table that wires each event to them.
 * Only JSON and numbered names are interpolated into the code.
 */
async function validatorsModule(model: TaxonomyModel, limits: Limits, context: GenerateContext | undefined): Promise<{ code: string; helpers: readonly string[] }> {
  const envelope = envelopeSchema(model);
  const wanted: Wanted[] = [{ owner: '', prefix: '', exportAs: 'envelope', schema: envelope, json: JSON.stringify(envelope) }];
  // Events with the same schema share one compiled function (a quarter of the seed's events).
  const seen = new Map<string, number>();
  const share = (owner: string, prefix: string, schema: JsonSchema): number => {
    const json = JSON.stringify(schema);
    let at = seen.get(json);
    if (at === undefined) {
      at = wanted.length;
      seen.set(json, at);
      wanted.push({ owner, prefix, schema, json });
    }
    return at;
  };
  const properties: number[] = [];
  const person: number[] = [];
  for (const e of model.events) {
    const s = eventValidatorSchemas(model, e);
    properties.push(share(e.name, 'p', s.properties));
    person.push(s.person ? share(e.name, 'q', s.person) : -1);
  }
  // Older live versions (`versions:`), by event: [version, properties, person, property names].
  const older: [string, [number, number, number, readonly string[]][]][] = [];
  for (const e of model.events) {
    const rows: [number, number, number, readonly string[]][] = [];
    for (const v of e.versions) {
      if (!v.frozen) continue;
      const s = eventValidatorSchemas(model, eventAtVersion(e, v));
      rows.push([v.version, share(e.name, 'p', s.properties), s.person ? share(e.name, 'q', s.person) : -1, v.properties.map((p) => p.name)]);
    }
    if (rows.length) older.push([e.name, rows]);
  }
  // Earlier revisions of each version (`revisions:`), by event: [version, its SchemaVer, [[SchemaVer, properties, person], …] newest first].
  const revisions: [string, [number, string, [string, number, number][]][]][] = [];
  for (const e of model.events) {
    const rows: [number, string, [string, number, number][]][] = [];
    for (const v of e.versions) {
      const earlier = revisionsOf(e, v).map((r): [string, number, number] => {
        const s = eventValidatorSchemas(model, r);
        return [schemaVer(r.versions[0]!), share(e.name, 'p', s.properties), s.person ? share(e.name, 'q', s.person) : -1];
      });
      if (earlier.length) rows.push([v.version, schemaVer(v), earlier.reverse()]);
    }
    if (rows.length) revisions.push([e.name, rows]);
  }
  const plan = planChunks(wanted, model.events.length);
  const codes = compiledChunks(plan.chunks, VERSION, context);
  const linked = link(plan.chunks.map((c, i) => ({ name: c.name, code: codes[i]! })));
  const ref = (at: number) => (at < 0 ? '0' : plan.refs[at]!);
  const envelopeKeys = Object.keys(envelope.properties as object);
  // Only when an event sets one: a taxonomy without `expires:` gets the module it always had.
  const expiring = model.events.filter((e) => e.expires !== undefined).map((e) => [e.name, e.expires!] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rows = model.events.map((e) => [e.name, e.version, e.domain, e.properties.map((p) => p.name)]);
  const copy = envelopeKeys.filter((k) => k !== 'event' && k !== 'version').map((k) => `  if (p[${JSON.stringify(k)}] !== undefined) out[${JSON.stringify(k)}] = p[${JSON.stringify(k)}];`);
  const head = `import { createValidator, ajvRuntime as ${RUNTIME_BINDING} } from './runtime.js';\n\n`;
  const tail = [
    '',
    `function normalize(p, event, version) {`,
    `  const out = { event, version };`,
    ...copy,
    `  return out;`,
    `}`,
    '',
    `const api = createValidator({`,
    `  events: ${JSON.stringify(rows)},`,
    `  globals: ${JSON.stringify(globalsByDomain(model))},`,
    `  envelope: ${ref(0)},`,
    `  envelopeKeys: ${JSON.stringify(envelopeKeys)},`,
    `  normalize,`,
    `  properties: [${properties.map(ref).join(', ')}],`,
    `  person: [${person.map(ref).join(', ')}],`,
    // Only when an event keeps older versions: a taxonomy without `versions:` gets the module it always had.
    ...(older.length ? [`  older: {${older.map(([name, rows]) => `${JSON.stringify(name)}: [${rows.map((r) => `[${r[0]}, ${ref(r[1])}, ${ref(r[2])}, ${JSON.stringify(r[3])}]`).join(', ')}]`).join(', ')}},`] : []),
    // Only when a version keeps earlier revisions: a taxonomy without `revisions:` gets the module it always had.
    ...(revisions.length ? [`  revisions: {${revisions.map(([name, rows]) => `${JSON.stringify(name)}: [${rows.map((r) => `[${r[0]}, ${JSON.stringify(r[1])}, [${r[2].map((x) => `[${JSON.stringify(x[0])}, ${ref(x[1])}, ${ref(x[2])}]`).join(', ')}]]`).join(', ')}]`).join(', ')}},`] : []),
    `  limits: ${JSON.stringify(limits)},`,
    `});`,
    `/** Validates one event: see index.d.ts. */`,
    `export const validateEvent = api.validateEvent;`,
    `export const isEventName = api.isEventName;`,
    `export const events = api.events;`,
    `export const limits = Object.freeze(${JSON.stringify(limits)});`,
    `export const taxonomy = Object.freeze(${JSON.stringify({ name: model.name, version: model.version })});`,
    ...(expiring.length ? [`/** Events disabled after a day (YYYY-MM-DD, UTC; taxonomy \`expires:\`): the collector quarantines them when received later. */`, `export const expires = Object.freeze(${JSON.stringify(Object.fromEntries(expiring))});`] : []),
    '',
  ].join('\n');
  // Concatenated, not joined: a join would copy the tens of MB of linked code once more.
  return { code: head + linked.code + '\n' + tail, helpers: linked.helpers };
}

export const validatorsGenerator: Generator<ValidatorsOptions> = {
  name: NAME,
  description: 'Server validators precompiled with ajv (standalone code; ESM, no require()): validateEvent(name, payload) with errors in plain words.',
  version: VERSION,
  defaultOut: 'packages/validators',
  optionsSchema: {
    type: 'object', additionalProperties: false,
    properties: {
      packageName: { type: 'string', description: 'npm name of the generated package.' },
      maxDepth: { type: 'integer', minimum: 1, default: 32, description: 'Deepest nesting of objects and arrays a payload may have.' },
      maxSize: { type: 'integer', minimum: 100, default: 1_000_000, description: 'Largest payload, in characters as JSON.' },
      maxErrors: { type: 'integer', minimum: 1, default: 20, description: 'Most errors listed for one payload.' },
      minify: { type: 'boolean', default: false, description: 'Minify the generated runtime module.' },
    },
  },
  async generate(model, options, context) {
    const o = { maxDepth: options.maxDepth ?? 32, maxSize: options.maxSize ?? 1_000_000, maxErrors: options.maxErrors ?? 20, minify: options.minify ?? false };
    const limits: Limits = { maxDepth: o.maxDepth, maxSize: o.maxSize, maxErrors: o.maxErrors };
    const validators = await validatorsModule(model, limits, context);
    const runtime = await bundledRuntime(runtimeEntry(validators.helpers), o.minify, VERSION, context);
    const header = `// Generated by \`taxonomy generate\` (${NAME}) from ${model.name} ${model.version}. Do not edit.\n`;
    const files: GeneratedFile[] = [
      { path: 'index.js', contents: `${header}// Validators precompiled by ajv (standalone code): no schema is compiled at run time.\n${validators.code}` },
      { path: 'runtime.js', contents: `${header}// validateEvent's runtime and the ajv helpers the validators use, bundled by esbuild.\n${runtime}` },
      { path: 'index.d.ts', contents: declarations(model, NAME) },
      {
        path: 'package.json',
        contents: stableJson({
          name: packageName(model, options), version: model.version, type: 'module', sideEffects: false,
          description: `Validators of the ${model.name} analytics events: validateEvent(name, payload). Generated by \`taxonomy generate\`; do not edit.`,
          main: './index.js', types: './index.d.ts',
          exports: { '.': { types: './index.d.ts', import: './index.js' } },
        }),
      },
    ];
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  },
};

export default validatorsGenerator;
