import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type Ajv2020Type from 'ajv/dist/2020.js';
import type { Diagnostic } from './diagnostics.js';
import { suggestion } from './diagnostics.js';
import { locate, pointerToPath, type SourceFile } from './source.js';

/** The kinds of file a taxonomy folder holds; each has an entry schema `<kind>.schema.json`. */
export type FileKind = 'root' | 'domain' | 'properties' | 'privacy' | 'categories' | 'destinations' | 'metrics';

export const SCHEMA_BASE = 'https://taxonomy-as-code.dev/schema/';
/** Folder of the meta-schema JSON files (shipped in the package). */
export const schemaDir = fileURLToPath(new URL('../schema/', import.meta.url));

// ajv is CommonJS; require() gives the constructor without default-export games.
// Loaded only for the run-time compile: the precompiled validators need none of ajv's compiler.
const loadAjv = () => createRequire(import.meta.url)('ajv/dist/2020.js') as { default: typeof Ajv2020Type.default };

let validators: Map<FileKind, ValidateFunction> | undefined;
let metaSchema: { $defs: Record<string, { properties?: Record<string, unknown>; allOf?: { $ref: string }[] }> } | undefined;

const KINDS: FileKind[] = ['root', 'domain', 'properties', 'privacy', 'categories', 'destinations', 'metrics'];
/** One set of ajv options for the run-time compile here and the build-time one (scripts/gen-meta-validators.mjs). */
export const AJV_OPTIONS = { allErrors: true, strict: true, strictTypes: false, verbose: true, allowUnionTypes: true } as const;

/** The validators ajv compiles from the meta-schema at run time (the fallback, and the reference in tests). */
export function compileMetaValidators(): Map<FileKind, ValidateFunction> {
  const ajv = new (loadAjv().default)(AJV_OPTIONS);
  for (const f of readdirSync(schemaDir).sort()) {
    if (f.endsWith('.schema.json')) ajv.addSchema(JSON.parse(readFileSync(schemaDir + f, 'utf8')));
  }
  return new Map(KINDS.map((k) => [k, ajv.getSchema(`${SCHEMA_BASE}${k}.schema.json`)!]));
}

function load(): Map<FileKind, ValidateFunction> {
  if (validators) return validators;
  metaSchema = JSON.parse(readFileSync(schemaDir + 'taxonomy.schema.json', 'utf8'));
  // Precompiled at build time (dist/meta-validators.cjs); absent when running from src/.
  let precompiled: Record<FileKind, ValidateFunction> | undefined;
  try {
    precompiled = createRequire(import.meta.url)('./meta-validators.cjs') as Record<FileKind, ValidateFunction>;
  } catch {
    precompiled = undefined;
  }
  validators = precompiled ? new Map(KINDS.map((k) => [k, precompiled[k]])) : compileMetaValidators();
  return validators;
}

/** The keys a schema object allows, including those it takes from allOf refs. */
function allowedKeys(schema: { properties?: Record<string, unknown>; allOf?: { $ref: string }[] } | undefined): string[] {
  if (!schema) return [];
  const keys = Object.keys(schema.properties ?? {});
  for (const part of schema.allOf ?? []) {
    const name = part.$ref.split('/').pop()!;
    keys.push(...allowedKeys(metaSchema?.$defs[name]));
  }
  return keys;
}

const PATTERN_WORDS: Record<string, string> = {
  '^[a-z][a-z0-9_]*$': 'lower snake_case (a-z, 0-9 and _, starting with a letter)',
  '^\\$?[A-Za-z_][A-Za-z0-9_]*$': 'letters, digits and _ (optionally starting with $)',
  '^\\$?[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*(\\.[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*)*$': 'segments separated by dots, each of words of letters, digits and _ separated by single spaces (starting with a letter)',
  '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$': 'a namespace in reverse-DNS form (lower-case segments of a-z, 0-9, _ and - separated by dots, e.g. io.snowplow.ecomm)',
  '^([a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*/)?\\$?[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*(\\.[A-Za-z][A-Za-z0-9_]*( [A-Za-z0-9_]+)*)*$': 'an event name, prefixed with its namespace and / when its domain has one (io.snowplow.ecomm/add_to_cart)',
  '^\\d{4}-\\d{2}-\\d{2}$': 'a date YYYY-MM-DD',
  '^\\d+[mhdw]$': 'a duration like 30d, 12h, 2w',
  '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$': 'a semver like 1.2.0',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `'${v.length > 40 ? v.slice(0, 40) + '…' : v}'`;
  return `${typeof v} ${String(v)}`;
}

function translate(file: SourceFile, err: ErrorObject): Diagnostic | undefined {
  const path = pointerToPath(err.instancePath);
  const p = err.params as Record<string, unknown>;
  const where = path.length ? `'${path.join('.')}'` : 'the file';
  switch (err.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(p.additionalProperty ?? p.unevaluatedProperty);
      const allowed = allowedKeys(err.parentSchema as never);
      return {
        code: 'schema/unknown-key', severity: 'error', location: locate(file, [...path, key], { key: true }),
        message: `unknown key '${key}' in ${where}${suggestion(key, allowed)}`,
        hint: allowed.length ? `allowed keys: ${allowed.sort().join(', ')} (or an x- annotation)` : 'remove the key',
      };
    }
    case 'required':
      return {
        code: 'schema/missing-key', severity: 'error', location: locate(file, path),
        message: `missing required key '${String(p.missingProperty)}' in ${where}`,
        hint: `add '${String(p.missingProperty)}:'`,
      };
    case 'enum':
      return {
        code: 'schema/invalid-value', severity: 'error', location: locate(file, path),
        message: `${where} must be one of ${(p.allowedValues as unknown[]).join(', ')}; found ${typeOf(err.data)}${typeof err.data === 'string' ? suggestion(err.data, (p.allowedValues as unknown[]).map(String)) : ''}`,
        hint: 'use one of the listed values',
      };
    case 'type':
      return {
        code: 'schema/wrong-type', severity: 'error', location: locate(file, path),
        message: `${where} must be ${String(p.type).replace('object', 'a mapping').replace('array', 'a list')}; found ${typeOf(err.data)}`,
        hint: 'change the value to the expected type',
      };
    case 'pattern': {
      if ((err as { propertyName?: string }).propertyName !== undefined) return undefined; // reported by propertyNames
      const words = PATTERN_WORDS[String(p.pattern)] ?? `the pattern ${String(p.pattern)}`;
      return {
        code: 'schema/invalid-value', severity: 'error', location: locate(file, path),
        message: `${where} must be ${words}; found ${typeOf(err.data)}`, hint: 'fix the value',
      };
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      const pattern = ((err.schema as { $ref?: string }).$ref ?? '').split('/').pop();
      const version = (err.schema as { pattern?: string }).pattern === '^[1-9][0-9]*$';
      const words = version ? 'a version number (1, 2, 3…, no leading zero)' : pattern === 'identifier' ? 'lower snake_case' : pattern === 'eventName' || pattern === 'eventRef' ? 'an event name (words of letters, digits and _, separated by single spaces or dots; optionally namespace/ first)' : 'a name of letters, digits and _';
      return {
        code: 'schema/invalid-name', severity: 'error', location: locate(file, [...path, name], { key: true }),
        message: `invalid name '${name}' in ${where}: must be ${words}`, hint: version ? 'key each older version by its number' : 'rename the key',
      };
    }
    case 'const':
      return { code: 'schema/invalid-value', severity: 'error', location: locate(file, path), message: `${where} must be ${JSON.stringify(p.allowedValue)}; found ${typeOf(err.data)}`, hint: 'fix the value' };
    default:
      return {
        code: `schema/${err.keyword}`, severity: 'error', location: locate(file, path),
        message: `${where} ${err.message ?? 'is invalid'}; found ${typeOf(err.data)}`, hint: 'see the meta-schema in packages/core/schema for what is allowed',
      };
  }
}

/** Validates one file's data against its kind's schema; returns located diagnostics. */
export function validateFile(file: SourceFile, kind: FileKind): Diagnostic[] {
  const validate = load().get(kind)!;
  if (validate(file.data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const err of validate.errors ?? []) {
    const d = translate(file, err);
    if (!d) continue;
    const k = `${d.location?.line}:${d.location?.column}:${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}
