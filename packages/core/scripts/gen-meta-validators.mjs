#!/usr/bin/env node
// Build step: compiles the meta-schema's per-file-kind validators ahead of time with ajv's
// standalone code (dist/meta-validators.cjs), so no CLI run pays ajv's schema compilation
// (~150-200 ms, the largest fixed cost of loading a taxonomy). src/schema.ts falls back to
// compiling at run time when this file is absent (tests running from src/).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { AJV_OPTIONS, SCHEMA_BASE, schemaDir } from '../dist/schema.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js').default;
const standaloneCode = require('ajv/dist/standalone/index.js').default;
const KINDS = ['root', 'domain', 'properties', 'privacy', 'categories', 'destinations', 'metrics'];

// The options of the run-time compile (src/schema.ts); test/meta-validators.test.ts compares both.
const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
for (const f of readdirSync(schemaDir).sort()) if (f.endsWith('.schema.json')) ajv.addSchema(JSON.parse(readFileSync(schemaDir + f, 'utf8')));
const code = standaloneCode(ajv, Object.fromEntries(KINDS.map((k) => [k, `${SCHEMA_BASE}${k}.schema.json`])));
writeFileSync(fileURLToPath(new URL('../dist/meta-validators.cjs', import.meta.url)), code);
