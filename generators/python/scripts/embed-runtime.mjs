// Embeds runtime/_runtime.py (the hand-written, type-checked Python runtime) into
// src/runtime-source.ts, so the generator stays pure (no disk at generate time).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const text = readFileSync(here('../runtime/_runtime.py'), 'utf8');
const out = `// Generated from runtime/_runtime.py by scripts/embed-runtime.mjs (run by the build). Do not edit.\nexport const RUNTIME_PY = ${JSON.stringify(text)};\n`;
const file = here('../src/runtime-source.ts');
if (!existsSync(file) || readFileSync(file, 'utf8') !== out) writeFileSync(file, out);
