// Temporary helper until `taxonomy check` exists: validates YAML files against the meta-schema.
import { readFileSync, readdirSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
const dir = 'packages/core/schema';
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const f of readdirSync(dir)) ajv.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')));
const kindOf = (p) => { const b = basename(p), d = basename(dirname(p));
  if (b.startsWith('taxonomy.')) return 'root'; if (d === 'domains') return 'domain';
  for (const k of ['properties','privacy','categories','destinations','metrics']) if (b.startsWith(k) || d === k) return k; };
let bad = 0;
for (const f of process.argv.slice(2)) {
  const v = ajv.getSchema(`https://taxonomy-as-code.dev/schema/${kindOf(f)}.schema.json`);
  const ok = v(parse(readFileSync(f, 'utf8')));
  console.log(f, kindOf(f), ok ? 'ok' : JSON.stringify(v.errors, null, 1)); if (!ok) bad++;
}
process.exit(bad ? 1 : 0);
