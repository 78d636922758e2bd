// Embeds runtime/*.go (the hand-written Go runtime and its tests) into src/runtime-source.ts,
// so the generator stays pure (no disk at generate time).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dir = here('../runtime/');
const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.go')).sort().map((f) => [f, readFileSync(dir + f, 'utf8')]));
const out = `// Generated from runtime/*.go by scripts/embed-runtime.mjs (run by the build). Do not edit.\nexport const RUNTIME_GO: Readonly<Record<string, string>> = ${JSON.stringify(files, null, 2)};\n`;
const file = here('../src/runtime-source.ts');
if (!existsSync(file) || readFileSync(file, 'utf8') !== out) writeFileSync(file, out);
