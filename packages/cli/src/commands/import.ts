import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatReport, importJsonSchemas, importMarkdown, importSegmentPlan, type ImportResult, type SchemaFileText } from '@taxonomy/interop';
import { EXIT, UsageError, type Io } from '../io.js';
import type { Command } from '../command.js';
import { parse, str } from '../args.js';

export const IMPORT_HELP = `Usage: taxonomy import <segment|jsonschema|markdown> <source> [--out file] [--domain id] [--force] [--format human|json]

Turns an existing tracking plan into a taxonomy domain file, and reports what it
created, what it guessed and what it could not map (each unmapped item is also a
TODO(import) comment in the YAML). The result is checked like 'taxonomy check'
would, next to a minimal taxonomy.yaml.

Sources:
  segment <plan.json>     a Segment Protocols tracking plan (Public API rules:
                          key, type TRACK/IDENTIFY/GROUP/PAGE, version, jsonSchema;
                          or the Config API's rules.events); RudderStack reads the
                          same format
  jsonschema <dir>        a folder of JSON Schemas: Snowplow Iglu self-describing
                          schemas (schemas/{vendor}/{name}/jsonschema/{1-0-0}), event
                          envelopes like packages/schemas, or plain object schemas;
                          $refs inside and across files are resolved. Every shape
                          is kept (unions, type lists, json, open objects, patterns,
                          dependencies, if/then required_when, tuples, 64-bit
                          bounds), every SchemaVer (older models under versions:,
                          earlier REVISION-ADDITIONs under revisions:), and a root
                          that is not an object (an Iglu context's array, a oneOf)
                          as one required property data (x-iglu-payload: data); a
                          schema the format cannot hold (remote $ref, recursion,
                          not, 64-bit enum values, ...) is refused whole, with its
                          place, and never fetched or narrowed
  markdown <file.md>      a Markdown doc with event tables (Event | Required |
                          Optional | When), per-event headings with Property | Type |
                          Description tables or bullet lists, category tables

Options:
  --out <file>       write the YAML there (e.g. taxonomy/domains/shop.yaml) and
                     print the report; without it the YAML goes to stdout and the
                     report to stderr
  --domain <id>      the domain id (default: from the plan name, vendor, title or
                     file name)
  --force            overwrite --out if it exists
  --format json      the report as JSON

Names are kept as they are: event names as teams write them ('Order Completed')
stay as written; a name the format cannot hold ('Order Completed!', a property
'Coupon Code'), or one that folds to the same identifier as an earlier one, is
imported in snake_case with its wire name kept (x-segment-key, x-wire-name);
mixed naming conventions are a finding, not a rename.

Examples:
  taxonomy import segment plan.json --out taxonomy/domains/shop.yaml
  taxonomy import jsonschema iglu-registry/ --domain checkout > checkout.yaml
  taxonomy import markdown docs/analytics.md --out taxonomy/domains/product.yaml

Exit codes: 0 everything mapped and the domain checks clean, 1 partial (items
not mapped, findings, or check errors; the YAML is still written), 2 usage or
I/O error.`;

/** Largest input read: a 2,000-event plan is about 5 MB. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 5000;

function readText(path: string, shown: string): string {
  if (!existsSync(path)) throw new UsageError(`'${shown}' does not exist`);
  const st = statSync(path);
  if (st.isDirectory()) throw new UsageError(`'${shown}' is a folder; pass a file`);
  if (st.size > MAX_BYTES) throw new UsageError(`'${shown}' is ${Math.round(st.size / 1e6)} MB; the limit is ${MAX_BYTES / 1024 / 1024} MB`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new UsageError(`'${shown}' is not UTF-8 text; convert it (e.g. iconv -t UTF-8) and try again`);
  }
}

/** The folder's .json files and Iglu schema files (schemas/{vendor}/{name}/jsonschema/{1-0-0}, no extension). */
function readSchemaFolder(dir: string, shown: string): SchemaFileText[] {
  if (!existsSync(dir)) throw new UsageError(`'${shown}' does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`'${shown}' is a file; pass the folder that holds the schemas`);
  const out: SchemaFileText[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) { walk(p); continue; }
      const rel = relative(dir, p).split(sep).join('/');
      if (!/\.json$/i.test(name) && !/\/jsonschema\/\d+-\d+-\d+$/.test(`/${rel}`)) continue;
      if (out.length >= MAX_FILES) throw new UsageError(`'${shown}' holds more than ${MAX_FILES} schema files; point at the schema folder itself`);
      out.push({ path: rel, text: readText(p, `${shown}/${rel}`) });
    }
  };
  walk(dir);
  return out;
}

/**
 * The domain schema for the editor's $schema line: relative to where the YAML will
 * live when both are inside the working folder (a repository), else absolute.
 */
function schemaPathFor(yamlDir: string, cwd: string): string | undefined {
  try {
    const schema = createRequire(import.meta.url).resolve('@taxonomy/core/schema/domain.schema.json');
    const inside = (p: string) => !relative(cwd, p).startsWith('..');
    return inside(schema) && inside(yamlDir) ? relative(yamlDir, schema).split(sep).join('/') : schema.split(sep).join('/');
  } catch {
    return undefined;
  }
}

export interface ImportOptionsCli {
  readonly format: 'segment' | 'jsonschema' | 'markdown';
  readonly source: string;
  readonly out?: string;
  readonly domain?: string;
  readonly force: boolean;
  readonly json: boolean;
}

export function runImport(o: ImportOptionsCli, io: Io): number {
  const src = resolve(io.cwd, o.source);
  const out = o.out ? resolve(io.cwd, o.out) : undefined;
  if (out && existsSync(out) && !o.force) throw new UsageError(`'${o.out}' exists; pass --force to overwrite it (or choose another --out)`);
  const yamlDir = out ? dirname(out) : resolve(io.cwd, 'taxonomy/domains');
  const opts = { domain: o.domain, sourceName: o.source.split(sep).join('/'), schemaPath: schemaPathFor(yamlDir, io.cwd), outPath: o.out };
  if (o.domain !== undefined && !/^[a-z][a-z0-9_]*$/.test(o.domain)) throw new UsageError(`--domain must be a lower snake_case id (e.g. checkout); got '${o.domain}'`);
  let result: ImportResult;
  if (o.format === 'segment') result = importSegmentPlan(readText(src, o.source), opts);
  else if (o.format === 'markdown') result = importMarkdown(readText(src, o.source), opts);
  else result = importJsonSchemas(readSchemaFolder(src, o.source), opts);
  const report = o.json ? JSON.stringify({ exitCode: result.exitCode, ...result.report }, null, 2) + '\n' : formatReport(result.report);
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, result.yaml);
    io.out(report);
    // With --format json, stdout stays one JSON document.
    (o.json ? io.err : io.out)(`${result.exitCode === 0 ? '✓' : '✗'} wrote ${o.out} (${result.draft.events.length} events)\n`);
  } else {
    io.out(result.yaml);
    io.err(report);
  }
  return result.exitCode;
}

export const importCommand: Command = {
  name: 'import',
  help: IMPORT_HELP,
  run(args, io) {
    const { values, positionals } = parse(args, { out: { type: 'string' }, domain: { type: 'string' }, force: { type: 'boolean' }, format: { type: 'string', default: 'human' } });
    if (values.help) { io.out(IMPORT_HELP + '\n'); return EXIT.ok; }
    const [format, source, ...rest] = positionals;
    if (!format) throw new UsageError('import needs a source kind: segment, jsonschema or markdown');
    if (format !== 'segment' && format !== 'jsonschema' && format !== 'markdown') throw new UsageError(`unknown import source '${format}'; use segment, jsonschema or markdown`);
    if (!source) throw new UsageError(`import ${format} needs ${format === 'jsonschema' ? 'a folder' : 'a file'} to read`);
    if (rest.length) throw new UsageError(`import takes one source; got ${rest.length + 1}`);
    if (values.format !== 'human' && values.format !== 'json') throw new UsageError(`--format must be human or json; got '${String(values.format)}'`);
    return runImport({ format, source, out: str(values.out), domain: str(values.domain), force: !!values.force, json: values.format === 'json' }, io);
  },
};
